package dev.sourced.samples.cart.projections;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.deployment.TableSpec;
import dev.sourced.deployment.dynamodb.CreateTableRequests;
import dev.sourced.local.testkit.Deliveries;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.command.CommandResult;
import dev.sourced.runtime.lambda.QueryApi;
import dev.sourced.runtime.lambda.SourcedConfig;
import dev.sourced.runtime.projection.ProjectionEngine;
import dev.sourced.runtime.projection.ProjectionStatus;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.samples.cart.SourcedApp;
import dev.sourced.samples.cart.SourcedAppJson;
import dev.sourced.samples.cart.domain.AddItem;
import dev.sourced.samples.cart.domain.OpenCart;
import dev.sourced.samples.cart.domain.ShoppingCart;
import dev.sourced.samples.cart.views.CartSummary;
import dev.sourced.samples.cart.views.SourcedLambdas.CartSummaryQueriesLambda;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Queries over HTTP API v2 events: answers, 404, 400, and read-your-writes with minVersion. */
class QueryLambdaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static DynamoDbClient client;
  private static DynamoDbEventStore store;
  private static CommandBus<ShoppingCart> bus;
  private static ProjectionEngine<CartSummary> engine;
  private static ProjectionTable table;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void start() {
    dynamoDb.createEventTable("events");
    client = dynamoDb.client();
    client.createTable(CreateTableRequests.of(TableSpec.projection("cart-summary-v1", "cart-summary", 1)));
    store = DynamoDbEventStore.builder().dynamoDbClient(client).tableName("events").build();
    bus = CommandBus.builder(SourcedApp.INSTANCE, ShoppingCart.class).codecs(SourcedAppJson.INSTANCE).eventStore(store).build();
    ProjectionDefinition<CartSummary> projection = (ProjectionDefinition<CartSummary>) SourcedApp.INSTANCE.projections().get(0);
    table = new ProjectionTable(client, "cart-summary-v1");
    engine = new ProjectionEngine<>(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, projection, projection.dispatcher(), store, table,
        line -> { });
  }

  @AfterAll
  static void stop() {
    System.clearProperty(SourcedConfig.PROJECTION_TABLE);
    System.clearProperty(SourcedConfig.DYNAMODB_ENDPOINT);
  }

  private static APIGatewayV2HTTPEvent get(String path, Map<String, String> query) {
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath(path)
        .withQueryStringParameters(query)
        .withHeaders(Map.of())
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path).build()).build())
        .build();
  }

  private static QueryApi api(Duration timeout) {
    return new QueryApi(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, SourcedApp.INSTANCE.projections().get(0), table, timeout,
        line -> { });
  }

  /** Delivers a stream's events to the projection, as its queue would. */
  private static void project(String streamId) {
    assertThat(engine.handle(Deliveries.sqsBatch(store.read(streamId, 0))).getBatchItemFailures()).isEmpty();
  }

  @Test
  void generatedQueryLambda_answersFromTheProjectionTable() throws Exception {
    bus.handle(new OpenCart("q1", "u1"), CommandOptions.NONE);
    bus.handle(new AddItem("q1", "A", 2), CommandOptions.NONE);
    project("shopping-cart#q1");
    System.setProperty(SourcedConfig.PROJECTION_TABLE, "cart-summary-v1");
    System.setProperty(SourcedConfig.DYNAMODB_ENDPOINT, dynamoDb.endpoint().toString());

    // a version no replay has made ready answers no query (no earlier version is configured here)
    assertThat(table.status().state()).isEqualTo(ProjectionStatus.State.NEW);
    APIGatewayV2HTTPResponse replaying = new CartSummaryQueriesLambda().handleRequest(get("/cart-summary/q1", null), null);
    assertThat(replaying.getStatusCode()).isEqualTo(503);
    assertThat(replaying.getBody()).contains("\"code\":\"projection-replaying\"");
    assertThat(replaying.getHeaders()).containsEntry("retry-after", "5");
    table.setState(ProjectionStatus.State.READY); // as the replay's last step does

    APIGatewayV2HTTPResponse response = new CartSummaryQueriesLambda().handleRequest(get("/cart-summary/q1", null), null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("x-sourced-projection-version", "1");
    JsonNode body = JSON.readTree(response.getBody());
    assertThat(body.get("status").asText()).isEqualTo("OPEN");
    assertThat(body.get("totalQuantity").asInt()).isEqualTo(2);
    assertThat(body.get("items").get("A").asInt()).isEqualTo(2);
    ProjectionStatus status = table.status();
    assertThat(status.state()).isEqualTo(ProjectionStatus.State.READY);
    assertThat(status.eventsApplied()).isGreaterThanOrEqualTo(2);
    assertThat(status.lastEventAt()).isNotNull();
  }

  @Test
  void missingView_is404() throws Exception {
    APIGatewayV2HTTPResponse response = api(Duration.ofSeconds(2)).handle(get("/cart-summary/nope", null), null);
    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.getBody()).get("code").asText()).isEqualTo("not-found");
  }

  @Test
  void badMinVersion_is400() throws Exception {
    APIGatewayV2HTTPResponse response = api(Duration.ofSeconds(2))
        .handle(get("/cart-summary/q1", Map.of("minVersion", "soon", "stream", "shopping-cart#q1")), null);
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.getBody()).get("path").asText()).isEqualTo("$.minVersion");
    // a version is a count from 1, written in digits; an error shows at most 40 characters of what was sent
    for (String version : List.of("0", "-5", "+2", " 2", "1".repeat(20_000))) {
      APIGatewayV2HTTPResponse refused = api(Duration.ofSeconds(2))
          .handle(get("/cart-summary/q1", Map.of("minVersion", version, "stream", "shopping-cart#q1")), null);
      assertThat(refused.getStatusCode()).as(version.length() > 40 ? "20,000 digits" : version).isEqualTo(400);
      assertThat(JSON.readTree(refused.getBody()).get("path").asText()).isEqualTo("$.minVersion");
      assertThat(refused.getBody().length()).isLessThan(400);
    }
  }

  @Test
  void aStreamThatIsNoAggregatesStream_is400_ratherThanAWaitInVain() throws Exception {
    for (String stream : List.of("", "c1", "#c1", "shopping-cart#", "Shopping-Cart#c1")) {
      APIGatewayV2HTTPResponse refused = api(Duration.ofSeconds(2))
          .handle(get("/cart-summary/q1", Map.of("minVersion", "1", "stream", stream)), null);
      assertThat(refused.getStatusCode()).as("stream '%s'", stream).isEqualTo(400);
      assertThat(JSON.readTree(refused.getBody()).get("path").asText()).isEqualTo("$.stream");
    }
  }

  @Test
  void commandThenQueryWithMinVersion_waitsForTheProjection_andReturnsTheUpdatedView() throws Exception {
    bus.handle(new OpenCart("ryw", "u9"), CommandOptions.NONE);
    project("shopping-cart#ryw");
    CommandResult added = bus.handle(new AddItem("ryw", "B", 3), CommandOptions.NONE);
    // the projection catches up a little later, as it would behind its queue
    CompletableFuture<Void> delivery = CompletableFuture.runAsync(() -> {
      sleep(300);
      project("shopping-cart#ryw");
    });

    APIGatewayV2HTTPResponse response = api(Duration.ofSeconds(5)).handle(get("/cart-summary/ryw",
        Map.of("minVersion", Long.toString(added.version()), "stream", added.streamId())), null);
    delivery.get();

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("x-sourced-consistency", "reached");
    assertThat(JSON.readTree(response.getBody()).get("totalQuantity").asInt()).isEqualTo(3);
  }

  @Test
  void projectionThatDoesNotCatchUp_isAnsweredAfterTheTimeout_sayingSo() throws Exception {
    bus.handle(new OpenCart("slow", "u9"), CommandOptions.NONE);
    project("shopping-cart#slow");
    CommandResult added = bus.handle(new AddItem("slow", "B", 3), CommandOptions.NONE);

    APIGatewayV2HTTPResponse response = api(Duration.ofMillis(200)).handle(get("/cart-summary/slow",
        Map.of("minVersion", Long.toString(added.version()), "stream", added.streamId())), null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("x-sourced-consistency", "timed-out");
    assertThat(JSON.readTree(response.getBody()).get("totalQuantity").asInt()).isZero();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- hostile input (issue 12)

  @Test
  void skuOfSixtyThousandCharacters_isProjected_andItsViewReadBack() throws Exception {
    // the SKU becomes a key of the view's items map; keys longer than Jackson's default 50,000 could not be read back
    String sku = "s".repeat(60_000);
    bus.handle(new OpenCart("long-sku", "u1"), CommandOptions.NONE);
    bus.handle(new AddItem("long-sku", sku, 1), CommandOptions.NONE);
    project("shopping-cart#long-sku");
    bus.handle(new AddItem("long-sku", "B", 2), CommandOptions.NONE);
    project("shopping-cart#long-sku");

    APIGatewayV2HTTPResponse response = api(Duration.ofSeconds(2)).handle(get("/cart-summary/long-sku", null), null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    // read with the app's codecs: Jackson's defaults (ObjectMapper's too) refuse keys over 50,000 characters
    Map<String, Integer> items = SourcedAppJson.INSTANCE.fromJson(CartSummary.class, response.getBody()).items();
    assertThat(items).containsEntry("B", 2).containsEntry(sku, 1);
    assertThat(table.checkpoint("shopping-cart#long-sku")).isEqualTo(3);
  }

  @Test
  void idLongerThanAnyViewKey_is400_namingThePathParameter() throws Exception {
    APIGatewayV2HTTPResponse response = api(Duration.ofSeconds(2)).handle(get("/cart-summary/" + "c".repeat(2044), null), null);
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.getBody()).get("path").asText()).isEqualTo("$.cartId");
    assertThat(JSON.readTree(response.getBody()).get("message").asText()).contains("the view key is 2044 bytes in UTF-8");
  }

  @Test
  void idThatIsNotText_is400_namingThePathParameter() throws Exception {
    for (String raw : new String[] {"ff%EF%BF%BF", "%ED%A0%80", "a%zz"}) {
      APIGatewayV2HTTPResponse response = api(Duration.ofSeconds(2)).handle(get("/cart-summary/" + raw, null), null);
      assertThat(response.getStatusCode()).as(raw).isEqualTo(400);
      assertThat(JSON.readTree(response.getBody()).get("path").asText()).as(raw).isEqualTo("$.cartId");
    }
  }

  @Test
  void streamLongerThanAnyStream_is400() throws Exception {
    APIGatewayV2HTTPResponse response = api(Duration.ofSeconds(2))
        .handle(get("/cart-summary/q1", Map.of("minVersion", "1", "stream", "shopping-cart#" + "c".repeat(2100))), null);
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.getBody()).get("path").asText()).isEqualTo("$.stream");
  }
}
