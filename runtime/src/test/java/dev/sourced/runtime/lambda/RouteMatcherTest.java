package dev.sourced.runtime.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sourced.spi.CommandDefinition.Route;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteMatcherTest {
  private final RouteMatcher<String> routes = new RouteMatcher<String>()
      .add(new Route("POST", "/shopping-cart/{cartId}/add-item", List.of("cartId")), "add")
      .add(new Route("POST", "/shopping-cart/{cartId}/open-cart", List.of("cartId")), "open")
      .add(new Route("GET", "/cart-summary/{cartId}", List.of("cartId")), "summary");

  @Test
  void matchesMethodAndPath_andDecodesParameters() {
    var match = routes.match("POST", "/shopping-cart/c%201/add-item").orElseThrow();
    assertThat(match.target()).isEqualTo("add");
    assertThat(match.pathParameters()).isEqualTo(Map.of("cartId", "c 1"));
    assertThat(routes.match("post", "/shopping-cart/c1/open-cart/").orElseThrow().target()).isEqualTo("open");
  }

  @Test
  void wrongMethod_extraSegments_orEmptyParameter_doNotMatch() {
    assertThat(routes.match("GET", "/shopping-cart/c1/add-item")).isEmpty();
    assertThat(routes.match("POST", "/shopping-cart/c1/add-item/x")).isEmpty();
    assertThat(routes.match("GET", "/cart-summary/")).isEmpty();
  }
}
