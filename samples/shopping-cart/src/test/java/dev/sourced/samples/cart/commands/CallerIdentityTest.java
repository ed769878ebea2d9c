package dev.sourced.samples.cart.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.sourced.deployment.TableSpec;
import dev.sourced.deployment.dynamodb.CreateTableRequests;
import dev.sourced.local.testkit.Deliveries;
import dev.sourced.runtime.event.EventEnvelope;
import dev.sourced.runtime.lambda.SourcedConfig;
import dev.sourced.runtime.projection.DynamoDbViews;
import dev.sourced.runtime.projection.ProjectionEngine;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import dev.sourced.samples.cart.SourcedApp;
import dev.sourced.samples.cart.SourcedAppJson;
import dev.sourced.samples.cart.domain.SourcedLambdas.ShoppingCartCommandsLambda;
import dev.sourced.samples.cart.views.CartSummary;
import dev.sourced.spi.ProjectionDefinition;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who sent a command, from the request context API Gateway builds for an IAM-signed request (loaded through Lambda's
 * own serialization), through the generated command Lambda into the stored event, and from there — delivered whole or
 * claim-checked — into {@code EventMetadata} at the cart-summary projection, which records who opened the cart.
 */
class CallerIdentityTest {
  private static final String ALICE = "arn:aws:iam::123456789012:user/alice";
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static ShoppingCartCommandsLambda lambda;
  private static DynamoDbEventStore store;
  private static ProjectionEngine<CartSummary> engine;
  private static DynamoDbViews<CartSummary> views;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void start() {
    dynamoDb.createEventTable("caller-events");
    dynamoDb.client().createTable(CreateTableRequests.of(TableSpec.projection("caller-cart-summary", "cart-summary", 1)));
    System.setProperty(SourcedConfig.EVENT_TABLE, "caller-events");
    System.setProperty(SourcedConfig.DYNAMODB_ENDPOINT, dynamoDb.endpoint().toString());
    lambda = new ShoppingCartCommandsLambda();
    store = DynamoDbEventStore.builder().dynamoDbClient(dynamoDb.client()).tableName("caller-events").build();
    ProjectionDefinition<CartSummary> projection = (ProjectionDefinition<CartSummary>) SourcedApp.INSTANCE.projections().stream()
        .filter(p -> p.name().equals("cart-summary")).findFirst().orElseThrow();
    ProjectionTable table = new ProjectionTable(dynamoDb.client(), "caller-cart-summary");
    engine = new ProjectionEngine<>(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, projection, projection.dispatcher(), store, table,
        line -> { });
    views = new DynamoDbViews<>(table, SourcedAppJson.INSTANCE, CartSummary.class);
  }

  @AfterAll
  static void stop() {
    System.clearProperty(SourcedConfig.EVENT_TABLE);
    System.clearProperty(SourcedConfig.DYNAMODB_ENDPOINT);
  }

  private static String openCartAsAlice() {
    String cartId = "c-" + UUID.randomUUID();
    APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/open-cart-iam.json");
    event.setRawPath(event.getRawPath().replace("CART_ID", cartId));
    event.getRequestContext().getHttp().setPath(event.getRawPath());
    event.setPathParameters(Map.of("cartId", cartId));

    APIGatewayV2HTTPResponse response = lambda.handleRequest(event, null);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
    return cartId;
  }

  @Test
  void iamSignedCommand_recordsTheSignersArn_notWhatAHeaderClaims_andTheProjectionSeesIt() {
    String cartId = openCartAsAlice();

    List<StoredEvent> stored = store.read("shopping-cart#" + cartId, 0);
    assertThat(stored).singleElement().satisfies(event -> {
      assertThat(event.principal()).isEqualTo(ALICE); // the recorded request also carries x-sourced-local-principal: root
      assertThat(event.metadata().principal()).isEqualTo(ALICE);
    });

    assertThat(engine.handle(Deliveries.sqsBatch(stored)).getBatchItemFailures()).isEmpty();
    assertThat(views.get(cartId).openedBy()).isEqualTo(ALICE);
  }

  @Test
  void claimCheckedDelivery_readsThePrincipalFromTheStore() {
    String cartId = openCartAsAlice();
    StoredEvent opened = store.read("shopping-cart#" + cartId, 0).get(0);
    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
    message.setMessageId(opened.streamId() + "@1");
    message.setBody(EventEnvelope.reference(opened)); // no data, no metadata: the engine reads the event from the store
    SQSEvent batch = new SQSEvent();
    batch.setRecords(List.of(message));

    assertThat(engine.handle(batch).getBatchItemFailures()).isEmpty();
    assertThat(views.get(cartId).openedBy()).isEqualTo(ALICE);
  }
}
