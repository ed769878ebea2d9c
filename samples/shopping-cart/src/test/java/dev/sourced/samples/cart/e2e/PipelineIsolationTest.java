package dev.sourced.samples.cart.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.local.testkit.LocalCloudExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * No single record stops the pipeline on the local cloud, and every failure is explained by one JSON line:
 * an event EventBridge refuses, a view that cannot be read back, an unknown route.
 */
class PipelineIsolationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> lines = new CopyOnWriteArrayList<>();

  @RegisterExtension
  static final LocalCloudExtension cloud = LocalCloudExtension.forApp("shopping-cart").visibilityTimeout(Duration.ofSeconds(1))
      .log(lines::add);

  private static void open(String cart, String customer) {
    assertThat(cloud.post("/shopping-cart/" + cart + "/open-cart", "{\"cartId\":\"" + cart + "\",\"customerId\":\"" + customer + "\"}")
        .status()).isEqualTo(201);
  }

  private static void add(String cart, String sku) {
    assertThat(cloud.post("/shopping-cart/" + cart + "/add-item", "{\"cartId\":\"" + cart + "\",\"sku\":\"" + sku + "\",\"quantity\":1}")
        .status()).isEqualTo(200);
  }

  /** @return the functions' JSON lines among the cloud's lines */
  private static List<JsonNode> jsonLines() {
    return lines.stream().filter(line -> line.startsWith("{")).map(line -> {
      try {
        return JSON.readTree(line);
      } catch (Exception e) {
        throw new AssertionError("not one line of JSON: " + line, e);
      }
    }).toList();
  }

  /** @return the messages in the publisher's failure queue */
  private static int publisherFailures() {
    return cloud.cloud().sqs().depth(cloud.cloud().queueUrl(cloud.cloud().deployment().publisherFailures().name()));
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void anUnpublishableEvent_doesNotStopLaterEvents_ofOtherStreams_norOfItsOwnStream_andIsGivenUpOnce() throws Exception {
    int failuresBefore = publisherFailures();
    // EventBridge refuses version 2 of u1 for what it holds, with or without its data
    try (AutoCloseable refused = cloud.cloud().failPublishing(entry -> entry.path("Detail").asText().contains("\"streamId\":\"shopping-cart#u1\"")
        && entry.path("Detail").asText().contains("\"version\":2,"), "MalformedDetail")) {
      open("u1", "una");
      add("u1", "apple");   // v2: unpublishable
      add("u1", "pear");    // v3
      open("u2", "uli");
      add("u2", "bread");

      cloud.awaitProjection("cart-summary", "shopping-cart#u2", 2);
      // v3's message makes the projection read the gap, v2, from the event store
      cloud.awaitProjection("cart-summary", "shopping-cart#u1", 3);
      assertThat(cloud.view("cart-summary", "u1").get("items").toString()).isEqualTo("{\"apple\":1,\"pear\":1}");
      await(() -> publisherFailures() == failuresBefore + 1, "the record given up to the publisher's failure queue");
    }
    Thread.sleep(1_500);
    assertThat(publisherFailures()).as("given up once").isEqualTo(failuresBefore + 1);
    String failures = cloud.cloud().queueUrl(cloud.cloud().deployment().publisherFailures().name());
    var message = cloud.cloud().sqs().client().receiveMessage(r -> r.queueUrl(failures)).messages().get(0);
    assertThat(JSON.readTree(message.body()).path("DDBStreamBatchInfo").path("startSequenceNumber").asText()).isNotEmpty();
    assertThat(JSON.readTree(message.body()).path("requestContext").path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
    cloud.cloud().sqs().client().deleteMessage(r -> r.queueUrl(failures).receiptHandle(message.receiptHandle()));
    assertThat(jsonLines()).anySatisfy(line -> {
      assertThat(line.path("level").asText()).isEqualTo("ERROR");
      assertThat(line.path("streamId").asText()).isEqualTo("shopping-cart#u1");
      assertThat(line.path("version").asLong()).isEqualTo(2);
      assertThat(line.path("errorCode").asText()).isEqualTo("MalformedDetail");
    });
  }

  @Test
  void anEventRefusedForItsData_isPublishedAsAReference_andProjectedFromTheStore() throws Exception {
    int failuresBefore = publisherFailures();
    try (AutoCloseable refused = cloud.cloud().failPublishing(entry -> entry.path("Detail").asText().contains("\"sku\":\"refused\""),
        "MalformedDetail")) {
      open("d1", "dora");
      add("d1", "refused");
      cloud.awaitProjection("cart-summary", "shopping-cart#d1", 2);
    }
    assertThat(cloud.view("cart-summary", "d1").get("items").toString()).isEqualTo("{\"refused\":1}");
    assertThat(publisherFailures()).isEqualTo(failuresBefore);
    assertThat(jsonLines()).anySatisfy(line -> {
      assertThat(line.path("level").asText()).isEqualTo("WARN");
      assertThat(line.path("streamId").asText()).isEqualTo("shopping-cart#d1");
      assertThat(line.path("message").asText()).contains("without data");
    });
  }

  @Test
  void anUnreadableView_isReported_answered500ViewUnreadable_andRebuiltWithItsStreamsNextEvent() throws Exception {
    open("r1", "rita");
    add("r1", "apple");
    cloud.awaitProjection("cart-summary", "shopping-cart#r1", 2);
    String table = cloud.cloud().deployment().pipeline("cart-summary").table().name();
    cloud.cloud().dynamoDb().updateItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("view#r1")))
        .updateExpression("SET #d = :d").expressionAttributeNames(Map.of("#d", "data"))
        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS("{\"cartId\":\"r1\",\"items\":\"broken\"}"))));
    lines.clear();

    LocalCloudExtension.Response unreadable = cloud.send("GET", "/cart-summary/r1", null, Map.of("x-correlation-id", "corr-r1"));

    assertThat(unreadable.status()).isEqualTo(500);
    assertThat(unreadable.json().path("code").asText()).isEqualTo("view-unreadable");
    assertThat(unreadable.json().path("message").asText()).contains("cart-summary", "r1");
    // the local cloud printed exactly one JSON line for it, with the stack trace
    assertThat(jsonLines()).filteredOn(line -> line.path("correlationId").asText().equals("corr-r1")).singleElement()
        .satisfies(line -> {
          assertThat(line.path("level").asText()).isEqualTo("ERROR");
          assertThat(line.path("viewKey").asText()).isEqualTo("r1");
          assertThat(line.path("error").path("stack").asText()).startsWith("dev.sourced.runtime.projection.ViewUnreadableException")
              .contains("\tat ");
        });

    add("r1", "pear");
    cloud.awaitProjection("cart-summary", "shopping-cart#r1", 3);
    assertThat(cloud.get("/cart-summary/r1").json().get("items").toString()).isEqualTo("{\"apple\":1,\"pear\":1}");
    assertThat(jsonLines()).anySatisfy(line -> {
      assertThat(line.path("projection").asText()).isEqualTo("cart-summary");
      assertThat(line.path("message").asText()).contains("rebuilt from its stream");
    });
  }

  @Test
  void anUnreadableSharedView_failsOnlyThatProjectionsEvents_untilItIsRepaired() throws Exception {
    open("s1", "sam");
    cloud.awaitProjection("customer-carts", "shopping-cart#s1", 1);
    String table = cloud.cloud().deployment().pipeline("customer-carts").table().name();
    cloud.cloud().dynamoDb().updateItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("view#sam")))
        .updateExpression("SET #d = :d").expressionAttributeNames(Map.of("#d", "data"))
        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS("{\"customerId\":\"sam\",\"openCartIds\":7}"))));

    open("s2", "sam");
    cloud.awaitProjection("cart-summary", "shopping-cart#s2", 1); // the other projection is not held up
    await(() -> jsonLines().stream().anyMatch(line -> line.path("projection").asText().equals("customer-carts")
        && line.path("streamId").asText().equals("shopping-cart#s2") && line.path("level").asText().equals("ERROR")
        && line.path("error").path("stack").asText().contains("ViewUnreadableException")), "the failure reported");

    // an operator removes the damaged view; the retried message applies (a replay would restore s1)
    cloud.cloud().dynamoDb().deleteItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("view#sam"))));
    cloud.awaitProjection("customer-carts", "shopping-cart#s2", 1);
    assertThat(cloud.get("/customer-carts/sam").json().get("openCartIds").toString()).isEqualTo("[\"s2\"]");
  }

  @Test
  void anUnknownRoute_is404WithTheErrorSchema() {
    LocalCloudExtension.Response response = cloud.get("/no-such-thing/1");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().path("code").asText()).isEqualTo("route-not-found");
    assertThat(response.json().path("message").asText()).contains("GET /no-such-thing/1", "GET /_sourced/openapi.json");

    // where the routes are: the OpenAPI document the processor wrote for this app
    LocalCloudExtension.Response openApi = cloud.get("/_sourced/openapi.json");
    assertThat(openApi.status()).isEqualTo(200);
    assertThat(openApi.json().path("openapi").asText()).startsWith("3.1");
    assertThat(openApi.json().path("paths").has("/shopping-cart/{cartId}/open-cart")).isTrue();
    assertThat(openApi.json().path("paths").has("/cart-summary/{cartId}")).isTrue();
  }

  @Test
  void aViewGrownPastWhatAnAnswerCarries_failsOnlyItsStream_explained_andKeepsServingWhatItWas() throws Exception {
    // 85 SKUs of 60,000 characters: past 5,000,000 bytes at the 84th, more than Lambda could answer with
    open("huge1", "hugo");
    lines.clear();
    for (int i = 0; i < 85; i++) {
      add("huge1", String.format("%05d", i) + "s".repeat(59_995));
    }
    open("calm1", "cleo");
    add("calm1", "apple");
    cloud.awaitProjection("cart-summary", "shopping-cart#calm1", 2);
    String dlq = cloud.cloud().queueUrl(cloud.cloud().deployment().pipeline("cart-summary").deadLetterQueue().name());
    await(() -> cloud.cloud().sqs().depth(dlq) >= 2, "the two events that would overgrow the view, dead-lettered");

    assertThat(jsonLines()).anySatisfy(line -> {
      assertThat(line.path("projection").asText()).isEqualTo("cart-summary");
      assertThat(line.path("streamId").asText()).isEqualTo("shopping-cart#huge1");
      assertThat(line.path("error").path("name").asText()).isEqualTo("dev.sourced.runtime.projection.ViewTooLargeException");
      assertThat(line.path("error").path("message").asText()).contains("view 'huge1'", "bytes in an answer",
          "a view takes at most 5000000");
    });
    // the view as it was before the event that would have overgrown it: served, and fit for an answer
    LocalCloudExtension.Response view = cloud.get("/cart-summary/huge1");
    assertThat(view.status()).isEqualTo(200);
    assertThat(view.json().get("items").size()).isEqualTo(83); // the 84th item would take it past 5,000,000 bytes
    assertThat(cloud.get("/cart-summary/calm1").json().get("items").toString()).isEqualTo("{\"apple\":1}");
    cloud.cloud().sqs().client().purgeQueue(r -> r.queueUrl(dlq));
  }
}
