package dev.sourced.samples.cart.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sourced.local.testkit.LocalCloudExtension;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With a data directory, a restart of the local cloud keeps every event and view, and work goes on from there. */
class RestartTest {
  @RegisterExtension
  static final LocalCloudExtension cloud = LocalCloudExtension.forApp("shopping-cart")
      .dataDirectory(Path.of("target", "restart-test-" + UUID.randomUUID()));

  @Test
  void eventsAndViewsSurviveARestart() {
    cloud.post("/shopping-cart/r1/open-cart", "{\"cartId\":\"r1\",\"customerId\":\"rae\"}");
    cloud.post("/shopping-cart/r1/add-item", "{\"cartId\":\"r1\",\"sku\":\"apple\",\"quantity\":3}");
    cloud.post("/shopping-cart/r2/open-cart", "{\"cartId\":\"r2\",\"customerId\":\"rae\"}");
    cloud.awaitProjection("cart-summary", "shopping-cart#r1", 2);
    cloud.awaitProjection("customer-carts", "shopping-cart#r2", 1);
    JsonNode summaryBefore = cloud.get("/cart-summary/r1").json();
    JsonNode eventsBefore = cloud.get("/_sourced/api/streams/shopping-cart%23r1").json().get("events");

    cloud.restart();

    assertThat(cloud.get("/health").status()).isEqualTo(200);
    assertThat(cloud.get("/_sourced/api/streams/shopping-cart%23r1").json().get("events")).isEqualTo(eventsBefore);
    assertThat(cloud.get("/cart-summary/r1").json()).isEqualTo(summaryBefore);
    assertThat(cloud.get("/customer-carts/rae").json().get("openCartIds").toString()).isEqualTo("[\"r1\",\"r2\"]");

    var next = cloud.post("/shopping-cart/r1/add-item", "{\"cartId\":\"r1\",\"sku\":\"apple\",\"quantity\":1}");
    assertThat(next.json().get("version").asLong()).isEqualTo(3);
    var summary = cloud.get("/cart-summary/r1?minVersion=3&stream=shopping-cart%23r1");
    assertThat(summary.headers().get("x-sourced-consistency")).isEqualTo("reached");
    assertThat(summary.json().get("items").toString()).isEqualTo("{\"apple\":4}");
  }
}
