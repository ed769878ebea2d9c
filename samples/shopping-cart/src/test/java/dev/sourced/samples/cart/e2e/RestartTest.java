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
    // the first start's replays of the new projections make them READY; until then a query answers 503
    assertThat(cloud.cloud().awaitReplays(java.time.Duration.ofMinutes(1))).isEmpty();
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

  @Test
  void aCleanStopWithEmptyQueues_skipsTheCatchUp_andAMessageLeftInAQueue_bringsItBack() throws InterruptedException {
    cloud.post("/shopping-cart/r3/open-cart", "{\"cartId\":\"r3\",\"customerId\":\"rob\"}");
    cloud.awaitProjection("cart-summary", "shopping-cart#r3", 1);
    cloud.awaitProjection("customer-carts", "shopping-cart#r3", 1);
    cloud.cloud().awaitReplays(java.time.Duration.ofMinutes(1));
    awaitQueuesEmpty();

    cloud.restart();

    // every queue was empty at the stop: the in-memory queues lost nothing, and no READY projection scans the store
    assertThat(cloud.cloud().replays()).as("replays started by the restart").isEmpty();
    assertThat(cloud.get("/cart-summary/r3").status()).isEqualTo(200);

    // a dead letter (any projection's) left at the stop is lost with the queues: every READY projection catches up
    String deadLetters = cloud.cloud().deployment().pipeline("cart-summary").deadLetterQueue().name();
    cloud.cloud().sqs().client().sendMessage(r -> r.queueUrl(cloud.cloud().queueUrl(deadLetters)).messageBody("{}"));

    cloud.restart();

    assertThat(cloud.cloud().replays()).as("replays started by the restart").containsOnlyKeys("cart-summary", "customer-carts");
    assertThat(cloud.cloud().awaitReplays(java.time.Duration.ofMinutes(1))).isEmpty();
    assertThat(cloud.cloud().replays().get("cart-summary").streamId()).isNull();
  }

  private static void awaitQueuesEmpty() throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    for (var queue : cloud.cloud().deployment().queues()) {
      String url = cloud.cloud().queueUrl(queue.name());
      while (cloud.cloud().sqs().depth(url) > 0) {
        assertThat(System.nanoTime()).as("queue " + queue.name() + " empties").isLessThan(deadline);
        Thread.sleep(20);
      }
    }
  }
}
