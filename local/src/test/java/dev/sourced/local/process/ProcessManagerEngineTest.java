package dev.sourced.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.api.DomainException;
import dev.sourced.api.EventMetadata;
import dev.sourced.api.ProcessStep;
import dev.sourced.local.testkit.Deliveries;
import dev.sourced.local.testkit.bank.Account;
import dev.sourced.local.testkit.bank.Balance;
import dev.sourced.local.testkit.bank.Deposit;
import dev.sourced.local.testkit.bank.OpenAccount;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.local.testkit.bank.Withdraw;
import dev.sourced.local.testkit.bank.Withdrawn;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.command.CommandResult;
import dev.sourced.runtime.process.CommandBuses;
import dev.sourced.runtime.process.CommandSender;
import dev.sourced.runtime.process.DeadlineMessage;
import dev.sourced.runtime.process.Deadlines;
import dev.sourced.runtime.process.ProcessManagerEngine;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import dev.sourced.runtime.UnpublishableEventException;
import dev.sourced.spi.AggregateDefinition;
import dev.sourced.spi.EventDefinition;
import dev.sourced.spi.ProcessManagerDefinition;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.QueryDefinition;
import dev.sourced.spi.SourcedApplication;
import dev.sourced.spi.ProcessManagerDispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The process manager engine against DynamoDB Local, with a hand-written process manager: every withdrawal from an
 * account is swept into its savings account, which is opened when the deposit is rejected because it does not exist.
 * Commands are sent once in effect however often, and wherever in its handling, an event is delivered again.
 */
class ProcessManagerEngineTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();

  static DynamoDbEventStore store;
  static CommandBus<Account> accounts;
  static final AtomicInteger tables = new AtomicInteger();

  @BeforeAll
  static void tables() {
    dynamoDb.createEventTable("events");
    DynamoDbClient client = dynamoDb.client();
    store = DynamoDbEventStore.builder().dynamoDbClient(client).tableName("events").build();
    accounts = CommandBus.builder(SourcedApp.INSTANCE, Account.class).codecs(SourcedAppJson.INSTANCE).eventStore(store).build();
  }

  /** Sweeps each withdrawal into {@code savings-<account>}; its state is the savings balance it swept. */
  static class Sweep implements ProcessManagerDispatcher<Balance> {
    final List<Class<?>> rejected = new ArrayList<>();
    boolean sendUnlisted;
    boolean remind;
    String reminder = "reminder";
    boolean openMissing = true;

    @Override
    public boolean handles(Record event) {
      return event instanceof Withdrawn;
    }

    @Override
    public String associationKey(Record event, EventMetadata metadata) {
      return metadata.aggregateId();
    }

    @Override
    public ProcessStep<Balance> on(Record event, EventMetadata metadata, Balance current) {
      Withdrawn withdrawn = (Withdrawn) event;
      String savings = "savings-" + withdrawn.accountId();
      long swept = (current == null ? 0 : current.cents()) + withdrawn.cents();
      ProcessStep<Balance> step = ProcessStep.of(new Balance(savings, swept, metadata.version()))
          .send(new Deposit(savings, withdrawn.cents()));
      step = remind ? step.schedule(reminder, Duration.ofMinutes(1)) : step;
      return sendUnlisted ? step.send(new Withdraw(savings, 1)) : step;
    }

    @Override
    public ProcessStep<Balance> deadline(String deadline, Balance current) {
      // a cent of interest on what was swept, once per reminder
      return ProcessStep.of(current).send(new Deposit(current.accountId(), 1));
    }

    @Override
    public ProcessStep<Balance> rejected(Record command, DomainException rejection, Balance current) {
      rejected.add(command.getClass());
      if (openMissing && command instanceof Deposit deposit && rejection.code().equals("stream-not-found")) {
        return ProcessStep.of(current).send(new OpenAccount(deposit.accountId(), "sweep")).send(deposit);
      }
      return null; // logged, and the workflow goes on
    }
  }

  static ProcessManagerDefinition<Balance> definition(Sweep sweep) {
    return new ProcessManagerDefinition<>("sweep", Sweep.class, Balance.class, List.of("Withdrawn"),
        List.of(Deposit.class, OpenAccount.class), List.of("reminder"), sweep, instance -> (Sweep) instance);
  }

  record Engine(ProcessManagerEngine<Balance> engine, List<String> log, Deadlines.Recorded deadlines) {}

  static Engine engine(Sweep sweep, CommandSender sender) {
    String table = "sweep-state-" + tables.incrementAndGet();
    dynamoDb.createProjectionTable(table);
    return engine(sweep, sender, dynamoDb.client(), table);
  }

  static Engine engine(Sweep sweep, CommandSender sender, DynamoDbClient client, String table) {
    List<String> log = new ArrayList<>();
    Deadlines.Recorded deadlines = new Deadlines.Recorded();
    ProcessManagerEngine<Balance> engine = new ProcessManagerEngine<>(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE,
        definition(sweep), sweep, store, new ProjectionTable(client, table), sender, deadlines, log::add);
    return new Engine(engine, log, deadlines);
  }

  static CommandSender buses() {
    return CommandBuses.of(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, store, null, Duration.ofHours(1),
        List.of(Deposit.class, OpenAccount.class));
  }

  static List<StoredEvent> openAndWithdraw(String id, long... withdrawals) {
    accounts.handle(new OpenAccount(id, "ann"), CommandOptions.NONE);
    accounts.handle(new Deposit(id, 1_000), CommandOptions.NONE);
    for (long cents : withdrawals) {
      accounts.handle(new Withdraw(id, cents), CommandOptions.NONE);
    }
    return store.read("account#" + id, 0);
  }

  static List<String> savings(String id) {
    return store.read("account#savings-" + id, 0).stream().map(e -> e.type() + ":" + e.data()).toList();
  }

  @Test
  void aCommandWhoseEventWouldGiveAProcessManagerAKeyTooLongForItsTable_isRefusedBeforeAnythingIsStored() {
    // the instance's key is its association key after 'view#', its claim's after 'claim#': an event whose key cannot
    // be stored would otherwise reach the process manager only to go to its dead-letter queue
    Sweep sweep = new Sweep() {
      @Override
      public String associationKey(Record event, EventMetadata metadata) {
        return metadata.aggregateId().repeat(3);
      }
    };
    SourcedApplication withSweep = new SourcedApplication() {
      @Override public String name() { return SourcedApp.INSTANCE.name(); }
      @Override public List<AggregateDefinition<?>> aggregates() { return SourcedApp.INSTANCE.aggregates(); }
      @Override public List<EventDefinition> events() { return SourcedApp.INSTANCE.events(); }
      @Override public List<ProjectionDefinition<?>> projections() { return SourcedApp.INSTANCE.projections(); }
      @Override public List<QueryDefinition> queries() { return SourcedApp.INSTANCE.queries(); }
      @Override public List<ProcessManagerDefinition<?>> processManagers() { return List.of(definition(sweep)); }
    };
    CommandBus<Account> bus = CommandBus.builder(withSweep, Account.class).codecs(SourcedAppJson.INSTANCE).eventStore(store).build();
    String id = "k".repeat(700); // fits an account id; three times over, 2,100 bytes, does not fit a key
    bus.handle(new OpenAccount(id, "ann"), CommandOptions.NONE);
    bus.handle(new Deposit(id, 1_000), CommandOptions.NONE);

    assertThatThrownBy(() -> bus.handle(new Withdraw(id, 10), CommandOptions.NONE))
        .isInstanceOfSatisfying(UnpublishableEventException.class, e -> assertThat(e.getMessage())
            .contains("is 2100 bytes in UTF-8 and is the association key of process manager sweep; an association key takes at most "
                + "2042 (DynamoDB's 2048-byte key limit, less 'claim#'")
            .doesNotContain("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"));
    assertThat(store.read("account#" + id, 0)).hasSize(2); // nothing appended
    String fits = "f".repeat(680); // 2,040 bytes three times over
    bus.handle(new OpenAccount(fits, "ann"), CommandOptions.NONE);
    bus.handle(new Deposit(fits, 1_000), CommandOptions.NONE);
    bus.handle(new Withdraw(fits, 10), CommandOptions.NONE);
    assertThat(store.read("account#" + fits, 0)).extracting(StoredEvent::type).contains("Withdrawn");
  }

  @Test
  void aRejectedCommandGoesToTheRejectionHandler_whoseCommandsAreSentToo() {
    Sweep sweep = new Sweep();
    Engine engine = engine(sweep, buses());
    List<StoredEvent> events = openAndWithdraw("a1", 30, 20);

    assertThat(engine.engine().handle(Deliveries.sqsBatch(events)).getBatchItemFailures()).isEmpty();

    assertThat(savings("a1")).containsExactly(
        "AccountOpened:{\"accountId\":\"savings-a1\",\"owner\":\"sweep\"}",
        "Deposited:{\"accountId\":\"savings-a1\",\"cents\":30}",
        "Deposited:{\"accountId\":\"savings-a1\",\"cents\":20}");
    assertThat(sweep.rejected).containsExactly(Deposit.class); // only the first deposit found no account
    assertThat(engine.engine().instance("a1").state()).isEqualTo(new Balance("savings-a1", 50, 5));
    assertThat(engine.engine().table().view("a1").data())
        .isEqualTo("{\"state\":{\"accountId\":\"savings-a1\",\"cents\":50,\"version\":5}}");
  }

  @Test
  void aDuplicatedOrRedeliveredEvent_sendsNothingAgain() {
    Engine engine = engine(new Sweep(), buses());
    List<StoredEvent> events = openAndWithdraw("a2", 30);
    List<StoredEvent> twice = new ArrayList<>(events);
    twice.addAll(events);

    assertThat(engine.engine().handle(Deliveries.sqsBatch(twice)).getBatchItemFailures()).isEmpty();
    assertThat(engine.engine().handle(Deliveries.sqsBatch(events)).getBatchItemFailures()).isEmpty();

    assertThat(savings("a2")).hasSize(2); // opened, one deposit
    assertThat(engine.engine().table().checkpoint("account#a2")).isEqualTo(4);
  }

  @Test
  void commandsSentBeforeAFailedCommit_areNotSentTwiceWhenTheEventComesBack() {
    // the first handling sends its commands, then fails before its state commits (the Lambda timed out, say)
    CommandSender real = buses();
    AtomicInteger sends = new AtomicInteger();
    CommandSender failingOnce = (command, options) -> {
      CommandResult result = real.send(command, options);
      if (sends.incrementAndGet() == 2) { // the first deposit found no account; the open and the second deposit landed
        throw new IllegalStateException("the function stopped after sending");
      }
      return result;
    };
    Engine engine = engine(new Sweep(), failingOnce);
    List<StoredEvent> events = openAndWithdraw("a3", 40);

    assertThat(engine.engine().handle(Deliveries.sqsBatch(events)).getBatchItemFailures()).isNotEmpty();
    assertThat(engine.engine().table().view("a3")).isNull(); // nothing committed
    assertThat(engine.engine().handle(Deliveries.sqsBatch(events)).getBatchItemFailures()).isEmpty();

    assertThat(savings("a3")).containsExactly(
        "AccountOpened:{\"accountId\":\"savings-a3\",\"owner\":\"sweep\"}",
        "Deposited:{\"accountId\":\"savings-a3\",\"cents\":40}");
    assertThat(engine.log()).anyMatch(line -> line.contains("the function stopped after sending"));
  }

  @Test
  void commandsCarryTheProcessManagersIdentity_theCorrelation_andTheTriggeringEventAsCause() {
    Engine engine = engine(new Sweep(), buses());
    List<StoredEvent> events = openAndWithdraw("a4", 10);
    StoredEvent withdrawn = events.stream().filter(e -> e.type().equals("Withdrawn")).findFirst().orElseThrow();

    engine.engine().handle(Deliveries.sqsBatch(events));

    List<StoredEvent> sent = store.read("account#savings-a4", 0);
    assertThat(sent).isNotEmpty().allSatisfy(event -> {
      assertThat(event.principal()).isEqualTo("process-manager:sweep");
      assertThat(event.correlationId()).isEqualTo(withdrawn.correlationId());
      assertThat(event.causationId()).isEqualTo(withdrawn.eventId());
    });
  }

  @Test
  void aRejectionWithoutHandler_isLogged_andTheStateStillCommits() {
    Sweep sweep = new Sweep();
    sweep.openMissing = false;
    Engine engine = engine(sweep, buses());
    List<StoredEvent> events = openAndWithdraw("a5", 10);

    assertThat(engine.engine().handle(Deliveries.sqsBatch(events)).getBatchItemFailures()).isEmpty();

    assertThat(sweep.rejected).containsExactly(Deposit.class);
    assertThat(engine.log()).anyMatch(line -> line.contains("no @RejectionHandler") && line.contains("\"code\":\"stream-not-found\""));
    assertThat(engine.engine().instance("a5").state().cents()).isEqualTo(10);
    assertThat(store.read("account#savings-a5", 0)).isEmpty();
  }

  @Test
  void aCommandItDoesNotList_failsTheEvent_andNothingCommits() {
    Sweep sweep = new Sweep();
    sweep.sendUnlisted = true;
    Engine engine = engine(sweep, buses());
    List<StoredEvent> events = openAndWithdraw("a6", 10);

    assertThat(engine.engine().handle(Deliveries.sqsBatch(events)).getBatchItemFailures()).isNotEmpty();

    assertThat(engine.engine().table().view("a6")).isNull();
    assertThat(engine.log()).anyMatch(line -> line.contains("does not list"));
    // its lines say what failed: a process manager, not a projection
    assertThat(engine.log()).anyMatch(line -> line.contains("the process manager failed on an event")
        && line.contains("\"processManager\":\"sweep\""));
    assertThat(engine.log()).noneMatch(line -> line.contains("\"projection\":"));
  }

  @Test
  void aCommandRefusedForWhatItCarries_isARejection_soTheEventIsNotRetriedIntoTheDeadLetterQueue() {
    // 'savings-' + an id of 2,025 characters is longer than checkpoint#account#<id> may hold: sent again, it is refused again
    Sweep sweep = new Sweep();
    Engine engine = engine(sweep, buses());
    String id = "r".repeat(2_025);
    List<StoredEvent> events = openAndWithdraw(id, 10);

    assertThat(engine.engine().handle(Deliveries.sqsBatch(events)).getBatchItemFailures()).isEmpty();

    assertThat(sweep.rejected).containsExactly(Deposit.class);
    assertThat(engine.log()).anyMatch(line -> line.contains("no @RejectionHandler") && line.contains("\"code\":\"invalid-command\""));
    assertThat(engine.engine().instance(id).state().cents()).isEqualTo(10);
  }

  @Test
  void aDeadlineNoHandlerHandles_failsTheEvent_andNothingIsSentOrScheduled() {
    Sweep sweep = new Sweep();
    sweep.remind = true;
    sweep.reminder = "remnider"; // a misspelt name compiles: it is a string
    Engine engine = engine(sweep, buses());
    List<StoredEvent> events = openAndWithdraw("dm1", 10);

    assertThat(engine.engine().handle(Deliveries.sqsBatch(events)).getBatchItemFailures()).isNotEmpty();

    assertThat(engine.engine().table().view("dm1")).isNull();
    assertThat(engine.deadlines().scheduled()).isEmpty();
    assertThat(store.read("account#savings-dm1", 0)).isEmpty();
    assertThat(engine.log()).anyMatch(line -> line.contains("set deadline 'remnider', which none of its @DeadlineHandlers handles [reminder]"));
  }

  @Test
  void historyFromBeforeItWasDeployed_isNotHandled_evenWhenReadToFillAGap() throws Exception {
    openAndWithdraw("h1", 70); // before the process manager exists
    Thread.sleep(5);
    Engine engine = engine(new Sweep(), buses());
    Thread.sleep(5);
    accounts.handle(new Withdraw("h1", 5), CommandOptions.NONE);
    List<StoredEvent> events = store.read("account#h1", 0);

    // only the newest event (Transferred, v6) is delivered: the engine reads the five before it to fill the gap, and
    // handles the one appended since it was deployed (Withdrawn, v5)
    assertThat(engine.engine().handle(Deliveries.sqsBatch(events.subList(events.size() - 1, events.size())))
        .getBatchItemFailures()).isEmpty();

    assertThat(savings("h1")).containsExactly(
        "AccountOpened:{\"accountId\":\"savings-h1\",\"owner\":\"sweep\"}",
        "Deposited:{\"accountId\":\"savings-h1\",\"cents\":5}");
    assertThat(engine.engine().table().checkpoint("account#h1")).isEqualTo(6);
  }

  static SQSEvent deadlineBatch(DeadlineMessage... deadlines) {
    SQSEvent batch = new SQSEvent();
    List<SQSEvent.SQSMessage> messages = new ArrayList<>();
    for (DeadlineMessage deadline : deadlines) {
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId(java.util.UUID.randomUUID().toString());
      message.setBody(deadline.toJson());
      message.setAttributes(java.util.Map.of("ApproximateReceiveCount", "1"));
      messages.add(message);
    }
    batch.setRecords(messages);
    return batch;
  }

  @Test
  void aDeadlineBehindAStepThatFailed_waitsForIt_andSaysSoAtWarnFromItsSecondReceive() {
    Sweep sweep = new Sweep();
    sweep.sendUnlisted = true; // the step fails after claiming its instance
    Engine engine = engine(sweep, buses());
    assertThat(engine.engine().handle(Deliveries.sqsBatch(openAndWithdraw("w1", 10))).getBatchItemFailures()).isNotEmpty();
    SQSEvent due = deadlineBatch(new DeadlineMessage("sweep", "w1", "reminder", java.util.UUID.randomUUID().toString(), java.time.Instant.now()));

    assertThat(engine.engine().handle(due).getBatchItemFailures()).hasSize(1);
    assertThat(engine.log()).noneMatch(line -> line.contains("\"level\":\"WARN\"") && line.contains("waits for a step"));

    due.getRecords().get(0).setAttributes(Map.of("ApproximateReceiveCount", "2"));
    assertThat(engine.engine().handle(due).getBatchItemFailures()).hasSize(1);
    assertThat(engine.log()).anyMatch(line -> line.contains("\"level\":\"WARN\"") && line.contains("waits for a step of its"
        + " instance that has not committed") && line.contains("\"receives\":\"2\""));
  }

  @Test
  void aDeadlineRunsOnceInEffect_andOneSetAgainOrOfAnEndedInstanceIsDropped() {
    Sweep sweep = new Sweep();
    sweep.remind = true;
    Engine engine = engine(sweep, buses());
    List<StoredEvent> events = openAndWithdraw("d1", 30, 20);

    engine.engine().handle(Deliveries.sqsBatch(events));

    // each withdrawal set the reminder again: the first one's schedule is stale (it still runs, and is dropped), the
    // second one's is pending
    List<DeadlineMessage> scheduled = engine.deadlines().scheduled();
    assertThat(scheduled).hasSize(2).extracting(DeadlineMessage::name).containsOnly("reminder");
    DeadlineMessage pending = scheduled.get(1);
    assertThat(engine.engine().instance("d1").deadlines().get("reminder").id()).isEqualTo(pending.id());
    StoredEvent lastWithdrawn = events.get(events.size() - 2);
    assertThat(pending.due()).isEqualTo(lastWithdrawn.timestamp().plus(Duration.ofMinutes(1)));

    // the stale one, the pending one twice (a redelivery): one cent of interest
    assertThat(engine.engine().handle(deadlineBatch(scheduled.get(0), pending)).getBatchItemFailures()).isEmpty();
    assertThat(engine.engine().handle(deadlineBatch(pending)).getBatchItemFailures()).isEmpty();

    assertThat(savings("d1")).filteredOn(e -> e.contains("\"cents\":1}")).hasSize(1);
    assertThat(engine.engine().instance("d1").deadlines()).isEmpty();
    assertThat(engine.log()).anyMatch(line -> line.contains("cancelled, set again, or whose instance ended"));
  }

  @Test
  void aDeadlinesInstanceDeletedAndWrittenAgainUpToTheSameRevision_beforeItsCommit_isNotOverwritten() {
    Sweep sweep = new Sweep();
    sweep.remind = true;
    String table = "sweep-state-" + tables.incrementAndGet();
    dynamoDb.createProjectionTable(table);
    Engine steps = engine(sweep, buses(), dynamoDb.client(), table);
    assertThat(steps.engine().handle(Deliveries.sqsBatch(openAndWithdraw("dr1", 30))).getBatchItemFailures()).isEmpty();
    DeadlineMessage pending = steps.deadlines().scheduled().get(0);

    // between the deadline's read of its instance and its commit (the transaction after the claim's), another writer
    // deletes the instance and writes it again up to the same revision: only the write id tells the two apart
    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(ProjectionTable.VIEW + "dr1"));
    AtomicInteger transactions = new AtomicInteger();
    ExecutionInterceptor race = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof TransactWriteItemsRequest && transactions.incrementAndGet() == 2) {
          Map<String, AttributeValue> item = new HashMap<>(dynamoDb.client().getItem(r -> r.tableName(table).key(key)).item());
          item.put("wid", AttributeValue.fromS("another-write"));
          dynamoDb.client().putItem(r -> r.tableName(table).item(item));
        }
      }
    };
    Engine racing = engine(sweep, buses(), dynamoDb.newClient(o -> o.addExecutionInterceptor(race)), table);

    // the commit is cancelled, and the deadline retried: the instance written again keeps its pending deadline
    assertThat(racing.engine().handle(deadlineBatch(pending)).getBatchItemFailures()).hasSize(1);
    assertThat(transactions).hasValue(2);
    assertThat(dynamoDb.client().getItem(r -> r.tableName(table).key(key)).item().get("wid").s()).isEqualTo("another-write");
    assertThat(steps.engine().instance("dr1").deadlines()).containsKey("reminder");

    // its retry handles it, and the interest its first run sent is not sent again
    assertThat(racing.engine().handle(deadlineBatch(pending)).getBatchItemFailures()).isEmpty();
    assertThat(steps.engine().instance("dr1").deadlines()).isEmpty();
    assertThat(savings("dr1")).filteredOn(e -> e.contains("\"cents\":1}")).hasSize(1);
  }

  /** One instance for every account: each withdrawal deposits its sequence number, which depends on the state. */
  static final class Tally implements ProcessManagerDispatcher<Balance> {
    @Override
    public boolean handles(Record event) {
      return event instanceof Withdrawn;
    }

    @Override
    public String associationKey(Record event, EventMetadata metadata) {
      return "tally";
    }

    @Override
    public ProcessStep<Balance> on(Record event, EventMetadata metadata, Balance current) {
      long n = current == null ? 1 : current.version() + 1;
      return ProcessStep.of(new Balance("tally", (current == null ? 0 : current.cents()) + ((Withdrawn) event).cents(), n))
          .send(new Deposit("savings-tally", n));
    }

    @Override
    public ProcessStep<Balance> rejected(Record command, DomainException rejection, Balance current) {
      return null;
    }
  }

  @Test
  void twoInvocationsOnOneInstance_neverDecideOnTheSameState() throws Exception {
    String table = "tally-state-" + tables.incrementAndGet();
    dynamoDb.createProjectionTable(table);
    Tally tally = new Tally();
    ProcessManagerDefinition<Balance> definition = new ProcessManagerDefinition<>("tally", Tally.class, Balance.class,
        List.of("Withdrawn"), List.of(Deposit.class), tally, instance -> (Tally) instance);
    accounts.handle(new OpenAccount("savings-tally", "ann"), CommandOptions.NONE);
    List<StoredEvent> first = openAndWithdraw("x1", 1, 1, 1, 1, 1, 1);
    List<StoredEvent> second = openAndWithdraw("x2", 2, 2, 2, 2, 2, 2);
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
    List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    for (List<StoredEvent> events : List.of(first, second)) {
      // two invocations, as two Lambdas would run, each with its own engine on the same table
      ProcessManagerEngine<Balance> engine = new ProcessManagerEngine<>(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, definition,
          tally, store, new ProjectionTable(dynamoDb.client(), table), buses(), line -> { });
      runs.add(pool.submit(() -> {
        start.await();
        for (StoredEvent event : events) { // one message per batch, so the two interleave
          for (int attempt = 0; attempt < 50 && !engine.handle(Deliveries.sqsBatch(List.of(event))).getBatchItemFailures().isEmpty(); attempt++) {
            Thread.sleep(20); // the message comes back, as after its visibility timeout
          }
        }
        return null;
      }));
    }
    for (var run : runs) {
      run.get(2, java.util.concurrent.TimeUnit.MINUTES);
    }
    pool.shutdown();

    // twelve withdrawals: each step decided on what the one before committed, so the deposits are 1..12, each once
    List<Long> deposits = store.read("account#savings-tally", 0).stream().filter(e -> e.type().equals("Deposited"))
        .map(e -> Long.parseLong(e.data().replaceAll(".*\"cents\":(\\d+).*", "$1"))).sorted().toList();
    assertThat(deposits).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    ProcessManagerEngine<Balance> reader = new ProcessManagerEngine<>(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, definition,
        tally, store, new ProjectionTable(dynamoDb.client(), table), buses(), line -> { });
    assertThat(reader.instance("tally").state()).isEqualTo(new Balance("tally", 18, 12));
  }
}
