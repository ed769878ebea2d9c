package dev.sourced.samples.cart.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sourced.local.testkit.LocalCloudExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A projection function that fails on one event (as a bug would) retries it until the queue's redrive
 * policy moves it to the DLQ, without holding up other carts; after the fix, a redrive from the console
 * applies it.
 */
class PoisonEventTest {
  @RegisterExtension
  static final LocalCloudExtension cloud = LocalCloudExtension.forApp("shopping-cart").visibilityTimeout(Duration.ofSeconds(1));

  @Test
  void poisonEventEndsInTheDeadLetterQueueAndIsRedrivenAfterTheFix() throws Exception {
    AutoCloseable bug = cloud.cloud().failProjection("cart-summary",
        event -> event.path("detail").path("data").path("sku").asText().equals("poison"));

    cloud.post("/shopping-cart/p1/open-cart", "{\"cartId\":\"p1\",\"customerId\":\"pat\"}");
    cloud.post("/shopping-cart/p1/add-item", "{\"cartId\":\"p1\",\"sku\":\"poison\",\"quantity\":1}");
    cloud.post("/shopping-cart/h1/open-cart", "{\"cartId\":\"h1\",\"customerId\":\"hal\"}");
    cloud.post("/shopping-cart/h1/add-item", "{\"cartId\":\"h1\",\"sku\":\"bread\",\"quantity\":1}");

    cloud.awaitDeadLetters("cart-summary", 1);
    // the healthy cart went through while the poison message was retried
    cloud.awaitProjection("cart-summary", "shopping-cart#h1", 2);
    assertThat(cloud.view("cart-summary", "h1").get("items").toString()).isEqualTo("{\"bread\":1}");
    assertThat(cloud.view("cart-summary", "p1").get("items").toString()).isEqualTo("{}");
    var projection = cloud.get("/_sourced/api/projections").json().get(0);
    assertThat(projection.get("name").asText()).isEqualTo("cart-summary");
    assertThat(projection.get("deadLetterDepth").asInt()).isEqualTo(1);
    assertThat(projection.get("lag").asLong()).isEqualTo(1);

    bug.close(); // the fix is deployed
    var redrive = cloud.post("/_sourced/api/projections/cart-summary/redrive", null);
    assertThat(redrive.status()).isEqualTo(200);
    assertThat(redrive.json().get("moved").asInt()).isEqualTo(1);

    cloud.awaitProjection("cart-summary", "shopping-cart#p1", 2);
    assertThat(cloud.view("cart-summary", "p1").get("items").toString()).isEqualTo("{\"poison\":1}");
    cloud.awaitDeadLetters("cart-summary", 0);
  }
}
