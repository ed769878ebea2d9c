package dev.sourced.local.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sourced.local.testkit.Deliveries;
import dev.sourced.local.testkit.bank.Account;
import dev.sourced.local.testkit.bank.Deposit;
import dev.sourced.local.testkit.bank.OpenAccount;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.local.testkit.bank.TransferLog;
import dev.sourced.local.testkit.bank.Withdraw;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.projection.ProjectionEngine;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import dev.sourced.spi.ProjectionDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Reactors (void handlers) run once per event however often it is delivered. */
class ReactorTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();

  @Test
  @SuppressWarnings("unchecked")
  void duplicatedDelivery_runsTheReactorOnce() {
    dynamoDb.createEventTable("events");
    dynamoDb.createProjectionTable("transfer-log");
    DynamoDbClient client = dynamoDb.client();
    DynamoDbEventStore store = DynamoDbEventStore.builder().dynamoDbClient(client).tableName("events").build();
    CommandBus<Account> bus = CommandBus.builder(SourcedApp.INSTANCE, Account.class).codecs(SourcedAppJson.INSTANCE)
        .eventStore(store).build();
    bus.handle(new OpenAccount("r1", "ann"), CommandOptions.NONE);
    bus.handle(new Deposit("r1", 100), CommandOptions.NONE);
    bus.handle(new Withdraw("r1", 30), CommandOptions.NONE); // Withdrawn + Transferred

    TransferLog log = new TransferLog();
    ProjectionDefinition<Object> projection = (ProjectionDefinition<Object>) SourcedApp.INSTANCE.projection(TransferLog.class).orElseThrow();
    ProjectionEngine<Object> engine = new ProjectionEngine<>(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, projection,
        projection.dispatcherFor(log), store, new ProjectionTable(client, "transfer-log"), line -> { });
    List<StoredEvent> events = store.read("account#r1", 0);
    List<StoredEvent> twice = new ArrayList<>(events);
    twice.add(events.get(events.size() - 1));

    assertThat(engine.handle(Deliveries.sqsBatch(twice)).getBatchItemFailures()).isEmpty();
    assertThat(engine.handle(Deliveries.sqsBatch(events)).getBatchItemFailures()).isEmpty();

    assertThat(log.seen).containsExactly("account#r1@4:30");
  }
}
