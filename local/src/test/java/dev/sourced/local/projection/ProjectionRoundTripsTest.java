package dev.sourced.local.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.sourced.local.testkit.Deliveries;
import dev.sourced.local.testkit.FaultInjector;
import dev.sourced.local.testkit.bank.Account;
import dev.sourced.local.testkit.bank.Deposit;
import dev.sourced.local.testkit.bank.Ledger;
import dev.sourced.local.testkit.bank.LedgerProjection;
import dev.sourced.local.testkit.bank.OpenAccount;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.projection.DynamoDbViews;
import dev.sourced.runtime.projection.ProjectionEngine;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.runtime.testing.DynamoDbCalls;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import dev.sourced.api.EventMetadata;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.ProjectionDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one batch costs the projection engine in DynamoDB calls: the streams' checkpoints and views read together in one
 * call, their commits in one transaction, nothing read for a stream the engine applied last; and that a cancelled group
 * transaction, or a kept stream another consumer moved, loses and doubles nothing.
 */
class ProjectionRoundTripsTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static DynamoDbEventStore store;
  private static CommandBus<Account> bus;
  private static ProjectionDefinition<Ledger> ledger;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void start() {
    dynamoDb.createEventTable("events");
    store = DynamoDbEventStore.builder().dynamoDbClient(dynamoDb.client()).tableName("events").build();
    bus = CommandBus.builder(SourcedApp.INSTANCE, Account.class).codecs(SourcedAppJson.INSTANCE).eventStore(store).build();
    ledger = (ProjectionDefinition<Ledger>) SourcedApp.INSTANCE.projection(LedgerProjection.class).orElseThrow();
  }

  private static List<List<StoredEvent>> accounts(String prefix, int accounts, int deposits) {
    List<List<StoredEvent>> streams = new ArrayList<>();
    for (int a = 0; a < accounts; a++) {
      String id = prefix + a;
      bus.handle(new OpenAccount(id, "owner"), CommandOptions.NONE);
      for (int d = 1; d <= deposits; d++) {
        bus.handle(new Deposit(id, d), CommandOptions.NONE);
      }
      streams.add(store.read("account#" + id, 0));
    }
    return streams;
  }

  private static ProjectionEngine<Ledger> engine(DynamoDbClient client, String table) {
    return new ProjectionEngine<>(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, ledger, ledger.dispatcher(), store,
        new ProjectionTable(client, table), line -> { });
  }

  @Test
  void aReplayBatchOfManyStreams_readsCheckpointsAndViewsOnce_andCommitsInOneTransaction() {
    dynamoDb.createProjectionTable("ledger-replay");
    List<List<StoredEvent>> streams = accounts("replay-", 8, 4);
    DynamoDbCalls calls = new DynamoDbCalls();
    ProjectionEngine<Ledger> engine = engine(dynamoDb.newClient(o -> o.addExecutionInterceptor(calls)), "ledger-replay");

    SQSBatchResponse response = engine.handle(Deliveries.replayBatch(streams));

    assertThat(response.getBatchItemFailures()).isEmpty();
    // checkpoints and views in one read, all commits in one transaction, the status once
    assertThat(calls.take().operations()).containsExactly("BatchGetItem", "TransactWriteItems", "UpdateItem");
    DynamoDbViews<Ledger> views = new DynamoDbViews<>(new ProjectionTable(dynamoDb.client(), "ledger-replay"), SourcedAppJson.INSTANCE, Ledger.class);
    for (int a = 0; a < 8; a++) {
      assertThat(views.get("replay-" + a)).isEqualTo(new Ledger("replay-" + a, 4, 10));
    }

    // the same batch again: every event a duplicate, so the read ahead (checkpoints, and views for nothing) is the one
    // call, and nothing is written
    assertThat(engine.handle(Deliveries.replayBatch(streams)).getBatchItemFailures()).isEmpty();
    assertThat(calls.take().operations()).containsExactly("BatchGetItem");
  }

  @Test
  void aGroupOfMoreThan100Items_isSplitIntoTransactionsOfAtMost100() {
    dynamoDb.createProjectionTable("ledger-many");
    List<List<StoredEvent>> streams = accounts("many-", 60, 1); // 60 streams × (checkpoint + view) = 120 items
    DynamoDbCalls calls = new DynamoDbCalls();
    ProjectionEngine<Ledger> engine = engine(dynamoDb.newClient(o -> o.addExecutionInterceptor(calls)), "ledger-many");

    assertThat(engine.handle(Deliveries.replayBatch(streams)).getBatchItemFailures()).isEmpty();

    // 120 keys to read ahead: two BatchGetItem calls of at most 100
    assertThat(calls.take().operations()).containsExactly(
        "BatchGetItem", "BatchGetItem", "TransactWriteItems", "TransactWriteItems", "UpdateItem");
    ProjectionTable table = new ProjectionTable(dynamoDb.client(), "ledger-many");
    for (int a = 0; a < 60; a++) {
      assertThat(table.checkpoint("account#many-" + a)).isEqualTo(2);
    }
  }

  @Test
  void cancelledGroupTransactions_areRedoneStreamByStream_andNothingIsLostOrAppliedTwice() {
    dynamoDb.createProjectionTable("ledger-conflicts");
    List<List<StoredEvent>> streams = accounts("conflict-", 12, 3);
    // half of all transactions cancelled; with this seed the batch's group transaction is one of them (the draws follow
    // the calls: one read ahead, then the group), so the test always exercises the redo
    FaultInjector conflicts = new FaultInjector(0, 0.5, 3);
    ProjectionEngine<Ledger> engine = engine(dynamoDb.newClient(o -> o.addExecutionInterceptor(conflicts)), "ledger-conflicts");

    // delivered twice, the second time in another order of streams
    SQSBatchResponse first = engine.handle(Deliveries.replayBatch(streams));
    List<List<StoredEvent>> reversed = new ArrayList<>(streams);
    java.util.Collections.reverse(reversed);
    SQSBatchResponse second = engine.handle(Deliveries.replayBatch(reversed));

    assertThat(conflicts.transactionConflicts()).isPositive();
    assertThat(first.getBatchItemFailures()).isEmpty();
    assertThat(second.getBatchItemFailures()).isEmpty();
    DynamoDbViews<Ledger> views = new DynamoDbViews<>(new ProjectionTable(dynamoDb.client(), "ledger-conflicts"),
        SourcedAppJson.INSTANCE, Ledger.class);
    for (int a = 0; a < 12; a++) {
      assertThat(views.get("conflict-" + a)).isEqualTo(new Ledger("conflict-" + a, 3, 6));
    }
  }

  @Test
  void theNextEventOfAStreamTheEngineAppliedLast_readsNothing_andADuplicateIsStillRead() {
    dynamoDb.createProjectionTable("ledger-kept");
    List<StoredEvent> events = accounts("kept-", 1, 2).get(0); // v1 opened, v2 and v3 deposits
    DynamoDbCalls calls = new DynamoDbCalls();
    ProjectionEngine<Ledger> engine = engine(dynamoDb.newClient(o -> o.addExecutionInterceptor(calls)), "ledger-kept");

    assertThat(engine.handle(Deliveries.sqsBatch(events.subList(0, 2))).getBatchItemFailures()).isEmpty();
    assertThat(calls.take().operations()).containsExactly("BatchGetItem", "TransactWriteItems", "UpdateItem");

    // the engine committed the stream's checkpoint and view itself: it applies v3 on them, its commit conditional on both
    assertThat(engine.handle(Deliveries.sqsBatch(events.subList(2, 3))).getBatchItemFailures()).isEmpty();
    assertThat(calls.take().operations()).containsExactly("TransactWriteItems", "UpdateItem");

    // v3 again: what was kept says duplicate, but only a read may say so
    assertThat(engine.handle(Deliveries.sqsBatch(events.subList(2, 3))).getBatchItemFailures()).isEmpty();
    assertThat(calls.take().operations()).containsExactly("BatchGetItem");
    assertThat(views("ledger-kept").get("kept-0")).isEqualTo(new Ledger("kept-0", 2, 3));
  }

  @Test
  void aKeptStreamThatAnotherConsumerMovedSince_isReadAfresh_andStaysExact() {
    dynamoDb.createProjectionTable("ledger-moved");
    List<StoredEvent> events = accounts("moved-", 1, 3).get(0); // v1 opened, v2–v4 deposits of 1, 2 and 3
    DynamoDbCalls calls = new DynamoDbCalls();
    ProjectionEngine<Ledger> first = engine(dynamoDb.newClient(o -> o.addExecutionInterceptor(calls)), "ledger-moved");
    ProjectionEngine<Ledger> second = engine(dynamoDb.client(), "ledger-moved");

    assertThat(first.handle(Deliveries.sqsBatch(events.subList(0, 2))).getBatchItemFailures()).isEmpty();
    assertThat(second.handle(Deliveries.sqsBatch(events.subList(2, 3))).getBatchItemFailures()).isEmpty(); // v3, by another
    calls.take();
    assertThat(first.handle(Deliveries.sqsBatch(events.subList(3, 4))).getBatchItemFailures()).isEmpty(); // v4

    // the first engine's commit from what it kept (checkpoint 2) was cancelled; it read afresh and applied v4 once
    assertThat(calls.take().calls()).filteredOn(DynamoDbCalls.Call::failed).extracting(DynamoDbCalls.Call::operation)
        .containsExactly("TransactWriteItems");
    assertThat(views("ledger-moved").get("moved-0")).isEqualTo(new Ledger("moved-0", 3, 6));
    assertThat(new ProjectionTable(dynamoDb.client(), "ledger-moved").checkpoint("account#moved-0")).isEqualTo(4);
  }

  @Test
  void aKeptViewDeletedAndWrittenAgainUpToTheSameRevision_isReadAfresh_notOverwritten() {
    Kept kept = keptAfterV2("ledger-aba", "aba-");
    // another writer deleted the view and wrote it again up to the same revision (1), with other content: the kept
    // view's commit is conditional on its JSON and write id as well as its revision
    Map<String, AttributeValue> item = dynamoDb.client().getItem(r -> r.tableName("ledger-aba")
        .key(Map.of("pk", AttributeValue.fromS(ProjectionTable.VIEW + "aba-0"))).consistentRead(true)).item();
    assertThat(item.get("rev").n()).isEqualTo("1");
    writeAnotherLedger("ledger-aba", "aba-0");

    assertThat(kept.engine().handle(Deliveries.sqsBatch(kept.events().subList(2, 3))).getBatchItemFailures()).isEmpty();

    // applied on what is stored, not on what was kept
    assertThat(views("ledger-aba").get("aba-0")).isEqualTo(new Ledger("aba-0", 101, 1002));
  }

  @Test
  void aKeptViewEditedInPlace_revisionAndWriteIdUnchanged_isReadAfresh_notOverwritten() {
    Kept kept = keptAfterV2("ledger-edited", "edited-");
    // an operator's repair: the JSON changed, nothing else
    dynamoDb.client().updateItem(r -> r.tableName("ledger-edited")
        .key(Map.of("pk", AttributeValue.fromS(ProjectionTable.VIEW + "edited-0")))
        .updateExpression("SET #d = :d").expressionAttributeNames(Map.of("#d", "data"))
        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS("{\"accountId\":\"edited-0\",\"entries\":100,\"cents\":1000}"))));

    assertThat(kept.engine().handle(Deliveries.sqsBatch(kept.events().subList(2, 3))).getBatchItemFailures()).isEmpty();

    assertThat(views("ledger-edited").get("edited-0")).isEqualTo(new Ledger("edited-0", 101, 1002));
  }

  @Test
  void anEngineThatFindsWhatItKeptStale_againAndAgain_readsFirstAgain() {
    dynamoDb.createProjectionTable("ledger-turns");
    accounts("turns-", 1, 0);
    for (int deposit = 0; deposit < 40; deposit++) {
      bus.handle(new Deposit("turns-0", 2), CommandOptions.NONE);
    }
    List<StoredEvent> events = store.read("account#turns-0", 0); // v1 opened, v2–v41 deposits of 2
    DynamoDbCalls calls = new DynamoDbCalls();
    ProjectionEngine<Ledger> first = engine(dynamoDb.newClient(o -> o.addExecutionInterceptor(calls)), "ledger-turns");
    ProjectionEngine<Ledger> second = engine(dynamoDb.client(), "ledger-turns");

    // two consumers take turns on the stream, as Lambda containers may: what the first kept is stale each time
    for (int index = 0; index < events.size(); index++) {
      ProjectionEngine<Ledger> engine = index % 2 == 0 ? first : second;
      assertThat(engine.handle(Deliveries.sqsBatch(events.subList(index, index + 1))).getBatchItemFailures()).isEmpty();
    }

    // after a few cancelled commits (a moving average of what was current falls below 90 %) it reads first again,
    // instead of paying a cancelled transaction for each of its 20 batches
    long cancelled = calls.take().calls().stream()
        .filter(call -> call.failed() && call.operation().equals("TransactWriteItems")).count();
    assertThat(cancelled).isBetween(1L, 5L);
    assertThat(views("ledger-turns").get("turns-0")).isEqualTo(new Ledger("turns-0", 40, 80));
  }

  @Test
  void aHandlerThatFailsOnAStaleKeptView_isAppliedAgainOnWhatIsStored_notDeadLettered() {
    dynamoDb.createProjectionTable("ledger-stale");
    List<StoredEvent> events = accounts("stale-", 1, 3).get(0); // v1 opened, v2–v4 deposits of 1, 2 and 3
    // a handler that fails on the ledger as it was after v2, as a handler checking its view's state may
    ProjectionDispatcher<Ledger> strict = new ProjectionDispatcher<>() {
      @Override
      public Handling handling(Record event) {
        return ledger.dispatcher().handling(event);
      }

      @Override
      public String viewKey(Record event, EventMetadata metadata) {
        return ledger.dispatcher().viewKey(event, metadata);
      }

      @Override
      public Ledger apply(Record event, EventMetadata metadata, Ledger current) {
        if (current != null && current.cents() == 1) {
          throw new IllegalStateException("a deposit on the ledger of v2");
        }
        return ledger.dispatcher().apply(event, metadata, current);
      }

      @Override
      public void react(Record event, EventMetadata metadata) {
        ledger.dispatcher().react(event, metadata);
      }
    };
    List<String> log = new ArrayList<>();
    ProjectionEngine<Ledger> first = new ProjectionEngine<>(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, ledger, strict, store,
        new ProjectionTable(dynamoDb.client(), "ledger-stale"), log::add);
    ProjectionEngine<Ledger> second = engine(dynamoDb.client(), "ledger-stale");
    assertThat(first.handle(Deliveries.sqsBatch(events.subList(0, 2))).getBatchItemFailures()).isEmpty(); // kept: cents 1
    assertThat(second.handle(Deliveries.sqsBatch(events.subList(2, 3))).getBatchItemFailures()).isEmpty(); // v3: cents 3

    // v4 on the first engine: v3 read from the store and applied on the kept ledger (cents 1) fails; read afresh, it
    // applies on cents 3
    assertThat(first.handle(Deliveries.sqsBatch(events.subList(3, 4))).getBatchItemFailures()).isEmpty();

    assertThat(views("ledger-stale").get("stale-0")).isEqualTo(new Ledger("stale-0", 3, 6));
    assertThat(log).noneMatch(line -> line.contains("\"level\":\"ERROR\""));
  }

  @Test
  void aReadViewDeletedAndWrittenAgainUpToTheSameRevision_beforeTheCommit_isNotOverwritten() {
    dynamoDb.createProjectionTable("ledger-race");
    List<StoredEvent> events = accounts("race-", 1, 2).get(0); // v1 opened, v2 and v3 deposits of 1 and 2
    assertThat(engine(dynamoDb.client(), "ledger-race").handle(Deliveries.sqsBatch(events.subList(0, 2)))
        .getBatchItemFailures()).isEmpty();
    // between a new engine's read and its commit, another writer deletes the view and writes it again up to the same
    // revision (1), with other content: only the write id tells them apart
    java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean(true);
    software.amazon.awssdk.core.interceptor.ExecutionInterceptor race = new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
      @Override
      public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
          software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
        if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest
            && armed.getAndSet(false)) {
          writeAnotherLedger("ledger-race", "race-0");
        }
      }
    };
    ProjectionEngine<Ledger> engine = engine(dynamoDb.newClient(o -> o.addExecutionInterceptor(race)), "ledger-race");

    assertThat(engine.handle(Deliveries.sqsBatch(events.subList(2, 3))).getBatchItemFailures()).isEmpty();

    assertThat(armed).isFalse();
    assertThat(views("ledger-race").get("race-0")).isEqualTo(new Ledger("race-0", 101, 1002));
  }

  /** An engine that applied v1 (opened) and v2 (a deposit of 1) of an account and keeps them; v3 is a deposit of 2. */
  private record Kept(List<StoredEvent> events, ProjectionEngine<Ledger> engine) {}

  private static Kept keptAfterV2(String table, String prefix) {
    dynamoDb.createProjectionTable(table);
    List<StoredEvent> events = accounts(prefix, 1, 2).get(0);
    ProjectionEngine<Ledger> engine = engine(dynamoDb.client(), table);
    assertThat(engine.handle(Deliveries.sqsBatch(events.subList(0, 2))).getBatchItemFailures()).isEmpty();
    return new Kept(events, engine);
  }

  /** Writes an account's ledger as another writer would have after deleting it: revision 1 again, other content. */
  private static void writeAnotherLedger(String table, String accountId) {
    dynamoDb.client().putItem(r -> r.tableName(table).item(Map.of(
        "pk", AttributeValue.fromS(ProjectionTable.VIEW + accountId), "rev", AttributeValue.fromN("1"),
        "wid", AttributeValue.fromS("another-write"),
        "data", AttributeValue.fromS("{\"accountId\":\"" + accountId + "\",\"entries\":100,\"cents\":1000}"))));
  }

  private static DynamoDbViews<Ledger> views(String table) {
    return new DynamoDbViews<>(new ProjectionTable(dynamoDb.client(), table), SourcedAppJson.INSTANCE, Ledger.class);
  }
}
