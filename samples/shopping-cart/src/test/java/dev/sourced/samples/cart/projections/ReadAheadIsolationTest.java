package dev.sourced.samples.cart.projections;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.sourced.local.testkit.Deliveries;
import dev.sourced.runtime.projection.ProjectionEngine;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import dev.sourced.samples.cart.SourcedApp;
import dev.sourced.samples.cart.SourcedAppJson;
import dev.sourced.samples.cart.views.CustomerCarts;
import dev.sourced.spi.ProjectionDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine reads a batch's views together; a view key no DynamoDB item can have (here a customer id longer than a
 * key) must fail only the stream whose event carries it, never the batch.
 */
class ReadAheadIsolationTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();

  private static StoredEvent opened(String cart, String customer) {
    return new StoredEvent("shopping-cart#" + cart, 1, "CartOpened", 1, "{\"cartId\":\"" + cart + "\",\"customerId\":\"" + customer + "\"}",
        "e-" + cart, Instant.now(), "c-" + cart, "c-" + cart, "c-" + cart, "test");
  }

  @Test
  void aViewKeyTooLongForAnItem_failsOnlyItsStream() {
    dynamoDb.createEventTable("events");
    dynamoDb.createProjectionTable("customer-carts");
    DynamoDbEventStore store = DynamoDbEventStore.builder().dynamoDbClient(dynamoDb.client()).tableName("events").build();
    @SuppressWarnings("unchecked")
    ProjectionDefinition<CustomerCarts> projection = (ProjectionDefinition<CustomerCarts>) SourcedApp.INSTANCE.projections().stream()
        .filter(p -> p.name().equals("customer-carts")).findFirst().orElseThrow();
    ProjectionTable table = new ProjectionTable(dynamoDb.client(), "customer-carts");
    List<String> log = new ArrayList<>();
    ProjectionEngine<CustomerCarts> engine = new ProjectionEngine<>(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, projection,
        projection.dispatcher(), store, table, log::add);

    SQSBatchResponse response = engine.handle(Deliveries.sqsBatch(List.of(
        opened("k1", "ann"), opened("k2", "x".repeat(3_000)), opened("k3", "bob"))));

    assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("shopping-cart#k2@1");
    assertThat(table.checkpoint("shopping-cart#k1")).isEqualTo(1);
    assertThat(table.checkpoint("shopping-cart#k3")).isEqualTo(1);
    assertThat(table.checkpoint("shopping-cart#k2")).isZero();
    assertThat(table.view("ann")).isNotNull();
    assertThat(table.view("bob")).isNotNull();
    assertThat(log).anyMatch(line -> line.contains("shopping-cart#k2"));
  }
}
