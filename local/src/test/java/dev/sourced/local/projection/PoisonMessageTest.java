package dev.sourced.local.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.sourced.local.sqs.LocalSqs;
import dev.sourced.local.sqs.QueuePoller;
import dev.sourced.local.testkit.Deliveries;
import dev.sourced.local.testkit.bank.Account;
import dev.sourced.local.testkit.bank.Deposit;
import dev.sourced.local.testkit.bank.Ledger;
import dev.sourced.local.testkit.bank.OpenAccount;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.event.EventEnvelope;
import dev.sourced.runtime.projection.DynamoDbViews;
import dev.sourced.runtime.projection.ProjectionEngine;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import dev.sourced.spi.ProjectionDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/** A handler that throws fails only its stream; through ElasticMQ's redrive its messages end in the DLQ. */
class PoisonMessageTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static LocalSqs sqs;
  private static DynamoDbEventStore store;
  private static CommandBus<Account> bus;
  private static ProjectionEngine<Ledger> engine;
  private static ProjectionTable table;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void start() {
    dynamoDb.createEventTable("events");
    dynamoDb.createProjectionTable("ledger");
    sqs = LocalSqs.start();
    store = DynamoDbEventStore.builder().dynamoDbClient(dynamoDb.client()).tableName("events").build();
    bus = CommandBus.builder(SourcedApp.INSTANCE, Account.class).codecs(SourcedAppJson.INSTANCE).eventStore(store).build();
    ProjectionDefinition<Ledger> ledger = (ProjectionDefinition<Ledger>) SourcedApp.INSTANCE.projection(
        dev.sourced.local.testkit.bank.LedgerProjection.class).orElseThrow();
    table = new ProjectionTable(dynamoDb.client(), "ledger");
    engine = new ProjectionEngine<>(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, ledger, ledger.dispatcher(), store, table, l -> { });
  }

  @AfterAll
  static void stop() {
    sqs.close();
  }

  @Test
  void failingHandler_failsOnlyItsStreamFromTheFailingVersionOn() {
    bus.handle(new OpenAccount("good", "ann"), CommandOptions.NONE);
    bus.handle(new Deposit("good", 5), CommandOptions.NONE);
    bus.handle(new OpenAccount("bad", "bob"), CommandOptions.NONE);
    bus.handle(new Deposit("bad", 7), CommandOptions.NONE);
    bus.handle(new Deposit("bad", 13), CommandOptions.NONE);
    bus.handle(new Deposit("bad", 1), CommandOptions.NONE);
    List<StoredEvent> events = new ArrayList<>(store.read("account#bad", 0));
    events.addAll(store.read("account#good", 0));

    SQSBatchResponse response = engine.handle(Deliveries.sqsBatch(events));

    assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactlyInAnyOrder("account#bad@3", "account#bad@4");
    DynamoDbViews<Ledger> views = new DynamoDbViews<>(table, SourcedAppJson.INSTANCE, Ledger.class);
    assertThat(views.get("good")).isEqualTo(new Ledger("good", 1, 5));
    assertThat(views.get("bad")).isEqualTo(new Ledger("bad", 1, 7)); // committed up to the event before the poison
    assertThat(table.checkpoint("account#bad")).isEqualTo(2);
  }

  @Test
  void replayRun_withAPoisonEvent_failsOnlyItsMessage_commitsWhatCameBefore_andIsSkippedWhereAppliedOnRedelivery() {
    bus.handle(new OpenAccount("run-bad", "ann"), CommandOptions.NONE);
    bus.handle(new Deposit("run-bad", 7), CommandOptions.NONE);
    bus.handle(new Deposit("run-bad", 13), CommandOptions.NONE);
    bus.handle(new Deposit("run-bad", 1), CommandOptions.NONE);
    bus.handle(new OpenAccount("run-good", "bob"), CommandOptions.NONE);
    bus.handle(new Deposit("run-good", 2), CommandOptions.NONE);
    bus.handle(new Deposit("run-good", 3), CommandOptions.NONE);
    List<StoredEvent> bad = store.read("account#run-bad", 0);
    List<StoredEvent> good = store.read("account#run-good", 0);

    SQSBatchResponse first = engine.handle(Deliveries.replayBatch(List.of(bad, good)));

    assertThat(first.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("run:account#run-bad@1");
    DynamoDbViews<Ledger> views = new DynamoDbViews<>(table, SourcedAppJson.INSTANCE, Ledger.class);
    assertThat(views.get("run-bad")).isEqualTo(new Ledger("run-bad", 1, 7));
    assertThat(table.checkpoint("account#run-bad")).isEqualTo(2);
    assertThat(views.get("run-good")).isEqualTo(new Ledger("run-good", 2, 5));
    assertThat(table.checkpoint("account#run-good")).isEqualTo(3);

    // both runs again (SQS redelivers the failed one; the good one as a duplicate): nothing is applied twice
    SQSBatchResponse again = engine.handle(Deliveries.replayBatch(List.of(good, bad)));

    assertThat(again.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("run:account#run-bad@1");
    assertThat(views.get("run-good")).isEqualTo(new Ledger("run-good", 2, 5));
    assertThat(views.get("run-bad")).isEqualTo(new Ledger("run-bad", 1, 7));
    assertThat(table.checkpoint("account#run-bad")).isEqualTo(2);
  }

  @Test
  void replayRun_splitAcrossMessagesAndDeliveredOutOfOrder_isAppliedOnceInOrder() {
    bus.handle(new OpenAccount("split", "ann"), CommandOptions.NONE);
    for (int amount = 1; amount <= 5; amount++) {
      bus.handle(new Deposit("split", amount), CommandOptions.NONE);
    }
    List<StoredEvent> events = store.read("account#split", 0);

    // the second half first: a gap below it, which the engine fills from the store; then the first half is a duplicate
    SQSBatchResponse later = engine.handle(Deliveries.replayBatch(List.of(events.subList(3, 6))));
    SQSBatchResponse earlier = engine.handle(Deliveries.replayBatch(List.of(events.subList(0, 3))));

    assertThat(later.getBatchItemFailures()).isEmpty();
    assertThat(earlier.getBatchItemFailures()).isEmpty();
    DynamoDbViews<Ledger> views = new DynamoDbViews<>(table, SourcedAppJson.INSTANCE, Ledger.class);
    assertThat(views.get("split")).isEqualTo(new Ledger("split", 5, 15));
    assertThat(table.checkpoint("account#split")).isEqualTo(6);
  }

  @Test
  void poisonMessage_landsInTheDlqAfterMaxReceiveCount_whileTheRestOfEachBatchIsCommitted() throws Exception {
    String queue = sqs.createQueueWithDeadLetterQueue("ledger", "ledger-dlq", 3, 1);
    String dlq = sqs.queueUrl("ledger-dlq");
    bus.handle(new OpenAccount("p1", "ann"), CommandOptions.NONE);
    bus.handle(new Deposit("p1", 13), CommandOptions.NONE);
    List<String> healthy = List.of("h1", "h2", "h3");
    for (String id : healthy) {
      bus.handle(new OpenAccount(id, "x"), CommandOptions.NONE);
      bus.handle(new Deposit(id, 2), CommandOptions.NONE);
      bus.handle(new Deposit(id, 3), CommandOptions.NONE);
    }
    List<StoredEvent> events = new ArrayList<>(store.read("account#p1", 0));
    healthy.forEach(id -> events.addAll(store.read("account#" + id, 0)));
    for (StoredEvent event : events) {
      sqs.client().sendMessage(r -> r.queueUrl(queue).messageBody(EventEnvelope.detail(event, true)));
    }

    QueuePoller poller = new QueuePoller(sqs.client(), queue, 10, engine::handle);
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline && (sqs.depth(queue) > 0)) {
      poller.pollOnce(1);
    }

    assertThat(sqs.depth(queue)).isZero();
    List<Message> dead = sqs.client().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)).messages();
    assertThat(dead).hasSize(1);
    assertThat(EventEnvelope.parse(dead.get(0).body()).streamId()).isEqualTo("account#p1");
    assertThat(EventEnvelope.parse(dead.get(0).body()).version()).isEqualTo(2);
    DynamoDbViews<Ledger> views = new DynamoDbViews<>(table, SourcedAppJson.INSTANCE, Ledger.class);
    for (String id : healthy) {
      assertThat(views.get(id)).isEqualTo(new Ledger(id, 2, 5));
    }
    assertThat(views.get("p1")).isEqualTo(new Ledger("p1", 0, 0));
  }
}
