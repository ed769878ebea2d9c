package dev.sourced.runtime.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.runtime.json.JsonInputException;
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

  @Test
  void pathSegments_arePercentDecodedAsRfc3986Says_plusIsAPlus() {
    assertThat(routes.match("POST", "/shopping-cart/a+b/add-item").orElseThrow().pathParameters()).isEqualTo(Map.of("cartId", "a+b"));
    assertThat(routes.match("POST", "/shopping-cart/a%2Bb%20c/add-item").orElseThrow().pathParameters())
        .isEqualTo(Map.of("cartId", "a+b c"));
    assertThat(routes.match("POST", "/shopping-cart/ff%EF%BF%BF/open-cart").orElseThrow().pathParameters())
        .isEqualTo(Map.of("cartId", "ff\uffff"));
    assertThat(routes.match("GET", "/cart-summary/caf%C3%A9").orElseThrow().pathParameters()).isEqualTo(Map.of("cartId", "caf\u00e9"));
  }

  @Test
  void undecodableSegments_nameTheirParameter() {
    var badEscape = routes.match("POST", "/shopping-cart/a%zz/add-item").orElseThrow();
    assertThatThrownBy(badEscape::pathParameters).isInstanceOf(JsonInputException.class)
        .hasMessage("$.cartId: is not percent-encoded: '%' at index 1 is not followed by two hex digits");
    assertThatThrownBy(routes.match("POST", "/shopping-cart/a%F/add-item").orElseThrow()::pathParameters)
        .hasMessageContaining("not followed by two hex digits");
    assertThatThrownBy(routes.match("POST", "/shopping-cart/%FF/add-item").orElseThrow()::pathParameters)
        .hasMessage("$.cartId: is not valid UTF-8 once percent-decoded");
    // an encoded surrogate (CESU-8) is not UTF-8 either
    assertThatThrownBy(routes.match("POST", "/shopping-cart/%ED%A0%80/add-item").orElseThrow()::pathParameters)
        .hasMessage("$.cartId: is not valid UTF-8 once percent-decoded");
  }

  @Test
  void parametersApiGatewayDecoded_areTakenAsGiven_notDecodedTwice() {
    var match = routes.match("POST", "/shopping-cart/a%41/add-item").orElseThrow();
    assertThat(match.pathParameters(Map.of("cartId", "a%41"))).isEqualTo(Map.of("cartId", "a%41"));
    assertThat(match.pathParameters(null)).isEqualTo(Map.of("cartId", "aA"));
  }
}
