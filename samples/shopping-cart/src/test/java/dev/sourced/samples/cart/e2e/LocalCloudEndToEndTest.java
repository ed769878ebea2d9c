package dev.sourced.samples.cart.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sourced.local.testkit.LocalCloudExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole path on the local cloud, through the generated functions: HTTP → command function →
 * DynamoDB (Local) → stream → publisher → EventBridge pattern (event-ruler) → SQS (ElasticMQ) →
 * projection function → projection table → query function → HTTP.
 */
class LocalCloudEndToEndTest {
  private static final List<String> hops = new CopyOnWriteArrayList<>();

  @RegisterExtension
  static final LocalCloudExtension cloud = LocalCloudExtension.forApp("shopping-cart").log(hops::add);

  @Test
  void commandsFlowThroughStreamBusAndQueuesIntoQueryableViews() {
    assertThat(cloud.get("/health").status()).isEqualTo(200);

    var opened = cloud.post("/shopping-cart/e1/open-cart", "{\"cartId\":\"e1\",\"customerId\":\"erin\"}");
    assertThat(opened.status()).isEqualTo(201);
    assertThat(opened.json().get("streamId").asText()).isEqualTo("shopping-cart#e1");
    assertThat(cloud.post("/shopping-cart/e1/add-item", "{\"cartId\":\"e1\",\"sku\":\"apple\",\"quantity\":2}").status()).isEqualTo(200);
    assertThat(cloud.post("/shopping-cart/e1/add-item", "{\"cartId\":\"e1\",\"sku\":\"pear\",\"quantity\":1}").status()).isEqualTo(200);
    var removed = cloud.post("/shopping-cart/e1/remove-item", "{\"cartId\":\"e1\",\"sku\":\"pear\"}");
    assertThat(removed.json().get("version").asLong()).isEqualTo(4);

    var domainError = cloud.post("/shopping-cart/e1/remove-item", "{\"cartId\":\"e1\",\"sku\":\"kiwi\"}");
    assertThat(domainError.status()).isEqualTo(422);
    assertThat(domainError.json().get("code").asText()).isEqualTo("item-not-in-cart");

    // read-your-writes: the query waits until cart-summary has applied v4 of the stream
    var summary = cloud.get("/cart-summary/e1?minVersion=4&stream=shopping-cart%23e1");
    assertThat(summary.status()).isEqualTo(200);
    assertThat(summary.headers().get("x-sourced-consistency")).isEqualTo("reached");
    assertThat(summary.json().get("items").toString()).isEqualTo("{\"apple\":2}");
    assertThat(summary.json().get("status").asText()).isEqualTo("OPEN");

    var carts = cloud.get("/customer-carts/erin?minVersion=1&stream=shopping-cart%23e1");
    assertThat(carts.json().get("openCartIds").toString()).isEqualTo("[\"e1\"]");

    assertThat(cloud.post("/shopping-cart/e1/check-out", "{\"cartId\":\"e1\"}").status()).isEqualTo(200);
    cloud.awaitProjection("customer-carts", "shopping-cart#e1", 5);
    assertThat(cloud.get("/customer-carts/erin").json().get("openCartIds").toString()).isEqualTo("[]");
    cloud.awaitProjection("cart-summary", "shopping-cart#e1", 5);
    assertThat(cloud.view("cart-summary", "e1").get("status").asText()).isEqualTo("CHECKED_OUT");

    // in process, through the same routing
    assertThat(cloud.invoke("GET", "/cart-summary/e1", null).status()).isEqualTo(200);
    assertThat(cloud.invoke("GET", "/no/such/route", null).status()).isEqualTo(404);

    // every hop was logged, one line each
    for (String hop : List.of("command  POST /shopping-cart/e1/open-cart → 201", "append   shopping-cart#e1 v1 CartOpened",
        "publish  shopping-cart#e1 v1 CartOpened → shopping-cart-bus", "deliver  CartOpened shopping-cart#e1 v1 → ",
        "project  cart-summary ← CartOpened shopping-cart#e1 v1", "project  customer-carts ← CartOpened shopping-cart#e1 v1",
        "query    GET /cart-summary/e1?minVersion=4&stream=shopping-cart%23e1 → 200")) {
      assertThat(hops).anySatisfy(line -> assertThat(line).contains(hop));
    }
  }

  @Test
  void consoleShowsStreamsProjectionsAndQueues() throws InterruptedException {
    cloud.post("/shopping-cart/c-console/open-cart", "{\"cartId\":\"c-console\",\"customerId\":\"carl\"}");
    cloud.awaitProjection("cart-summary", "shopping-cart#c-console", 1);
    cloud.awaitProjection("customer-carts", "shopping-cart#c-console", 1);

    JsonNode streams = cloud.get("/_sourced/api/streams").json();
    assertThat(streams.findValuesAsText("streamId")).contains("shopping-cart#c-console");
    JsonNode stream = cloud.get("/_sourced/api/streams/shopping-cart%23c-console").json();
    assertThat(stream.get("events").get(0).get("type").asText()).isEqualTo("CartOpened");
    assertThat(stream.get("events").get(0).get("data").get("customerId").asText()).isEqualTo("carl");

    JsonNode projections = cloud.get("/_sourced/api/projections").json();
    assertThat(projections.findValuesAsText("name")).containsExactlyInAnyOrder("cart-summary", "customer-carts");
    for (JsonNode projection : projections) {
      assertThat(projection.get("lag").asLong()).as(projection.get("name").asText()).isZero();
      assertThat(projection.get("deadLetterDepth").asInt()).isZero();
      assertThat(projection.get("eventsApplied").asLong()).isPositive();
    }
    assertThat(cloud.get("/_sourced/api/queues").json().findValuesAsText("name"))
        .contains("shopping-cart-cart-summary", "shopping-cart-cart-summary-dlq", "shopping-cart-publisher-failures");
    assertThat(cloud.get("/_sourced").body()).contains("<title>Sourced console</title>");
    var missing = cloud.get("/_sourced/api/streams/shopping-cart%23missing");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("code").asText()).isEqualTo("not-found"); // errors as the HTTP API answers them
    var notAPost = cloud.get("/_sourced/api/projections/cart-summary/replay");
    assertThat(notAPost.status()).isEqualTo(405);
    assertThat(notAPost.json().get("code").asText()).isEqualTo("method-not-allowed");

    // one stream's replay: a stream the store does not hold is refused; the status shows that run, not a whole-store one's
    assertThat(cloud.send("POST", "/_sourced/api/projections/cart-summary/replay/shopping-cart%23missing", null, Map.of())
        .status()).isEqualTo(404);
    var started = cloud.send("POST", "/_sourced/api/projections/cart-summary/replay/shopping-cart%23c-console", null, Map.of());
    assertThat(started.status()).isEqualTo(202);
    // a console answer never repeats a long path whole
    assertThat(cloud.get("/_sourced/api/" + "a".repeat(5_000)).body().length()).isLessThan(300);
    JsonNode replay = null;
    for (JsonNode projection : cloud.get("/_sourced/api/projections").json()) {
      if (projection.get("name").asText().equals("cart-summary")) {
        replay = projection.get("replay");
      }
    }
    assertThat(replay.get("streamId").asText()).isEqualTo("shopping-cart#c-console");
    assertThat(replay.get("mode").asText()).isEqualTo("stream");
    assertThat(replay.get("executionArn").asText()).isEqualTo(started.json().get("executionArn").asText());
    assertThat(replay.has("scanned")).isFalse();

    // a replay queue is polled while its projection replays, not all the time: once the replay has ended (which it does
    // only when its queue was consumed), its pollers end too
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    String execution = "RUNNING";
    while ((execution.equals("RUNNING") || replayPollers() > 0) && System.nanoTime() < deadline) {
      for (JsonNode projection : cloud.get("/_sourced/api/projections").json()) {
        if (projection.get("name").asText().equals("cart-summary")) {
          execution = projection.get("replay").get("execution").asText();
        }
      }
      Thread.sleep(100);
    }
    assertThat(execution).isEqualTo("SUCCEEDED");
    assertThat(replayPollers()).isZero();
  }

  /** @return the local cloud's live threads polling a replay queue */
  private static long replayPollers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("sourced-queue-poller-") && t.getName().contains("-replay")).count();
  }

  @Test
  void localCaller_isTheLocalDeveloper_orWhomTheLocalOnlyHeadersName_andReachesTheProjection() {
    assertThat(cloud.post("/shopping-cart/id1/open-cart", "{\"customerId\":\"ida\"}").status()).isEqualTo(201);
    assertThat(cloud.send("POST", "/shopping-cart/id2/open-cart", "{\"customerId\":\"ida\"}",
        Map.of("x-sourced-local-principal", "arn:aws:iam::123456789012:user/alice")).status()).isEqualTo(201);
    assertThat(cloud.send("POST", "/shopping-cart/id3/open-cart", "{\"customerId\":\"ida\"}",
        Map.of("x-sourced-local-jwt", "{\"sub\":\"bob-sub\",\"email\":\"bob@example.com\",\"groups\":[\"a\",\"b\"]}")).status())
        .isEqualTo(201);

    for (String cart : List.of("id1", "id2", "id3")) {
      cloud.awaitProjection("cart-summary", "shopping-cart#" + cart, 1);
    }
    assertThat(cloud.view("cart-summary", "id1").get("openedBy").asText()).isEqualTo("arn:aws:iam::000000000000:user/local-developer");
    assertThat(cloud.view("cart-summary", "id2").get("openedBy").asText()).isEqualTo("arn:aws:iam::123456789012:user/alice");
    assertThat(cloud.view("cart-summary", "id3").get("openedBy").asText()).isEqualTo("bob-sub");
  }

  @Test
  void localCallerHeaders_thatCannotBeAnIdentity_areRefused() {
    var notJson = cloud.send("POST", "/shopping-cart/id4/open-cart", "{\"customerId\":\"ida\"}",
        Map.of("x-sourced-local-jwt", "alice"));
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().get("code").asText()).isEqualTo("invalid-local-caller");

    var tooLong = cloud.send("POST", "/shopping-cart/id5/open-cart", "{\"customerId\":\"ida\"}",
        Map.of("x-sourced-local-principal", "p".repeat(3000)));
    assertThat(tooLong.status()).isEqualTo(401);
    assertThat(tooLong.json().get("code").asText()).isEqualTo("invalid-caller");
    assertThat(cloud.get("/_sourced/api/streams/shopping-cart%23id5").status()).isEqualTo(404);
  }
}
