package dev.sourced.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.api.Caller;
import dev.sourced.api.DomainException;
import dev.sourced.local.testkit.FaultInjector;
import dev.sourced.local.testkit.bank.Account;
import dev.sourced.local.testkit.bank.AccountClosed;
import dev.sourced.local.testkit.bank.CloseAccount;
import dev.sourced.local.testkit.bank.Customer;
import dev.sourced.local.testkit.bank.Deposit;
import dev.sourced.local.testkit.bank.DepositedV1;
import dev.sourced.local.testkit.bank.OpenAccount;
import dev.sourced.local.testkit.bank.RegisterCustomer;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.local.testkit.bank.Withdraw;
import dev.sourced.runtime.IdempotencyKeyReusedException;
import dev.sourced.runtime.InvalidCommandException;
import dev.sourced.runtime.KeyLimits;
import dev.sourced.runtime.StreamAlreadyExistsException;
import dev.sourced.runtime.StreamNotFoundException;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.command.CommandResult;
import dev.sourced.runtime.store.AppendRequest;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/** Command handling on DynamoDB Local, with faults DynamoDB Local never produces injected by an interceptor. */
class CommandBusTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static DynamoDbEventStore store;
  private static CommandBus<Account> bus;

  @BeforeAll
  static void start() {
    dynamoDb.createEventTable("events");
    store = DynamoDbEventStore.builder().dynamoDbClient(dynamoDb.client()).tableName("events").build();
    bus = CommandBus.builder(SourcedApp.INSTANCE, Account.class).codecs(SourcedAppJson.INSTANCE).eventStore(store).build();
  }

  private static String account() {
    return "a-" + UUID.randomUUID();
  }

  @Test
  void commands_appendVersionedEvents_withMetadata() {
    String id = account();
    CommandResult opened = bus.handle(new OpenAccount(id, "ann"), new CommandOptions(null, "corr-1", null));
    CommandResult withdrawn = bus.handle(new Deposit(id, 500), CommandOptions.NONE);
    assertThat(opened.created()).isTrue();
    assertThat(opened.status()).isEqualTo(201);
    assertThat(withdrawn.version()).isEqualTo(2);

    CommandResult result = bus.handle(new Withdraw(id, 200), CommandOptions.NONE);
    assertThat(result.events()).extracting(CommandResult.Appended::type).containsExactly("Withdrawn", "Transferred");
    assertThat(result.events()).extracting(CommandResult.Appended::version).containsExactly(3L, 4L);

    List<StoredEvent> stored = store.read("account#" + id, 0);
    assertThat(stored).extracting(StoredEvent::type).containsExactly("AccountOpened", "Deposited", "Withdrawn", "Transferred");
    assertThat(stored.get(0).correlationId()).isEqualTo("corr-1");
    assertThat(stored.get(1).revision()).isEqualTo(2);
    assertThat(stored.get(2).eventId()).isEqualTo(result.events().get(0).eventId());
    assertThat(stored.get(2).commandId()).isEqualTo(stored.get(3).commandId());
  }

  @Test
  void storedEventsOfOldRevisions_areUpcastWhenTheAggregateIsRebuilt() {
    String id = account();
    bus.handle(new OpenAccount(id, "ann"), CommandOptions.NONE);
    // an event written by an older version of the application: revision 1 stored whole units
    StoredEvent old = new StoredEvent("account#" + id, 2, "Deposited", 1, SourcedAppJson.INSTANCE.toJson(new DepositedV1(id, 3)),
        UUID.randomUUID().toString(), Instant.now(), "old", null, null, null);
    store.append(new AppendRequest("account#" + id, 1, List.of(old), null));

    assertThatThrownBy(() -> bus.handle(new Withdraw(id, 301), CommandOptions.NONE)).isInstanceOf(DomainException.class);
    assertThat(bus.handle(new Withdraw(id, 300), CommandOptions.NONE).version()).isEqualTo(4);
  }

  @Test
  void streamExistence_isChecked() {
    String id = account();
    assertThatThrownBy(() -> bus.handle(new Deposit(id, 1), CommandOptions.NONE)).isInstanceOf(StreamNotFoundException.class);
    bus.handle(new OpenAccount(id, "ann"), CommandOptions.NONE);
    assertThatThrownBy(() -> bus.handle(new OpenAccount(id, "bob"), CommandOptions.NONE)).isInstanceOf(StreamAlreadyExistsException.class);
  }

  @Test
  void idempotencyKeys_ofStreamsWhoseIdsHoldAHash_doNotMeet() {
    // id "x#y" with key "z" and id "x" with key "y#z": both once read "account#x#y#z"
    String id = account();
    bus.handle(new OpenAccount(id + "#y", "ann"), CommandOptions.idempotent("z"));
    CommandResult other = bus.handle(new OpenAccount(id, "bob"), CommandOptions.idempotent("y#z"));

    assertThat(other.replayed()).isFalse();
    assertThat(store.read("account#" + id, 0)).hasSize(1);
    assertThat(bus.handle(new OpenAccount(id, "bob"), CommandOptions.idempotent("y#z")).replayed()).isTrue();
    // a key with a '%' is escaped too: it meets no other key ('z%' is not 'z')
    assertThat(bus.handle(new Deposit(id + "#y", 1), CommandOptions.idempotent("z%")).replayed()).isFalse();
    assertThatThrownBy(() -> bus.handle(new Deposit(id + "#y", 1), CommandOptions.idempotent("z")))
        .isInstanceOf(IdempotencyKeyReusedException.class);
  }

  @Test
  void anAggregateIdTheKeysCannotHold_isRefusedBeforeAnythingIsRead() {
    // the HTTP API refuses it with a 400 (leaving room for any Idempotency-Key); a process manager's command reaches the
    // bus with it, and is refused only where a key would not hold it: checkpoint#account#<id> is the longest without a key
    int longest = 2048 - "checkpoint#account#".length();
    String id = "a".repeat(longest + 1);
    assertThatThrownBy(() -> bus.handle(new OpenAccount(id, "ann"), CommandOptions.NONE))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessageStartingWith("command OpenAccount was refused: $.accountId is 2030 bytes in UTF-8; ids of account stored"
            + " take at most 2029");
    assertThatThrownBy(() -> bus.handle(new OpenAccount("", "ann"), CommandOptions.NONE))
        .isInstanceOf(InvalidCommandException.class).hasMessageContaining("must not be empty");
    assertThat(store.read("account#" + id, 0)).isEmpty();

    // longer than the HTTP API takes, but it fits: stored, as before the check
    String fits = "b".repeat(longest);
    assertThat(bus.handle(new OpenAccount(fits, "ann"), CommandOptions.NONE).version()).isEqualTo(1);
    // with a key its idempotency record's key could not hold: refused, nothing written
    String withKey = "c".repeat(longest - 10);
    assertThatThrownBy(() -> bus.handle(new OpenAccount(withKey, "ann"), CommandOptions.idempotent("k".repeat(100))))
        .isInstanceOf(InvalidCommandException.class).hasMessageContaining("with the command's idempotency key, its record's key"
            + " would be 2140 bytes");
    assertThat(store.read("account#" + withKey, 0)).isEmpty();
  }

  @Test
  void sameIdempotencyKey_returnsTheFirstResult_andAppendsNothing() {
    String id = account();
    bus.handle(new OpenAccount(id, "ann"), CommandOptions.NONE);
    CommandResult first = bus.handle(new Deposit(id, 100), CommandOptions.idempotent("key-1"));
    CommandResult again = bus.handle(new Deposit(id, 100), CommandOptions.idempotent("key-1"));

    assertThat(again.replayed()).isTrue();
    assertThat(again.toJson()).isEqualTo(first.toJson());
    assertThat(store.read("account#" + id, 0)).hasSize(2);
  }

  @Test
  void commandWithoutEvents_isStillIdempotent() {
    String id = account();
    bus.handle(new OpenAccount(id, "ann"), CommandOptions.NONE);
    CommandResult nothing = bus.handle(new Deposit(id, 0), CommandOptions.idempotent("zero"));
    assertThat(nothing.events()).isEmpty();
    assertThat(bus.handle(new Deposit(id, 0), CommandOptions.idempotent("zero")).replayed()).isTrue();
  }

  @Test
  void reusingAKey_forADifferentCommand_isRefused() {
    String id = account();
    bus.handle(new OpenAccount(id, "ann"), CommandOptions.NONE);
    bus.handle(new Deposit(id, 100), CommandOptions.idempotent("key-2"));
    assertThatThrownBy(() -> bus.handle(new Deposit(id, 999), CommandOptions.idempotent("key-2")))
        .isInstanceOf(IdempotencyKeyReusedException.class);
    assertThat(store.read("account#" + id, 0)).hasSize(2);
  }

  @Test
  void aRepeatedKey_getsTheFirstAnswer_evenWhenTheAggregateNowRefusesTheCommand() {
    String id = account();
    bus.handle(new OpenAccount(id, "ann"), CommandOptions.NONE);
    bus.handle(new Deposit(id, 100), CommandOptions.NONE);
    CommandResult first = bus.handle(new Withdraw(id, 100), CommandOptions.idempotent("w"));
    // the balance is 0 now, so the handler would refuse the withdrawal: the stored answer wins
    CommandResult again = bus.handle(new Withdraw(id, 100), CommandOptions.idempotent("w"));

    assertThat(again.replayed()).isTrue();
    assertThat(again.toJson()).isEqualTo(first.toJson());
    assertThat(store.read("account#" + id, 0)).hasSize(4);
  }

  @Test
  void reusingAKey_forACommandTheAggregateWouldRefuse_isRefusedAsAReusedKey() {
    String id = account();
    bus.handle(new OpenAccount(id, "ann"), CommandOptions.NONE);
    bus.handle(new Deposit(id, 100), CommandOptions.idempotent("d"));
    assertThatThrownBy(() -> bus.handle(new Withdraw(id, 999), CommandOptions.idempotent("d")))
        .isInstanceOf(IdempotencyKeyReusedException.class);
    assertThatThrownBy(() -> bus.handle(new OpenAccount(id, "bob"), CommandOptions.idempotent("d")))
        .isInstanceOf(IdempotencyKeyReusedException.class);
  }

  @Test
  void aRepeatedCreation_withTheSameKey_getsTheFirstAnswer() {
    String id = account();
    CommandResult first = bus.handle(new OpenAccount(id, "ann"), CommandOptions.idempotent("open"));
    CommandResult again = bus.handle(new OpenAccount(id, "ann"), CommandOptions.idempotent("open"));

    assertThat(again.replayed()).isTrue();
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.toJson()).isEqualTo(first.toJson());
    assertThatThrownBy(() -> bus.handle(new OpenAccount(id, "ann"), CommandOptions.idempotent("another")))
        .isInstanceOf(StreamAlreadyExistsException.class);
    assertThat(store.read("account#" + id, 0)).hasSize(1);
  }

  @Test
  void anExpiredIdempotencyRecord_thatTtlHasNotDeletedYet_doesNotHoldTheKey() {
    // TTL deletes expired items lazily (within days): until then the record is there, but no longer counts
    CommandBus<Account> expiring = CommandBus.builder(SourcedApp.INSTANCE, Account.class).codecs(SourcedAppJson.INSTANCE)
        .eventStore(store).idempotencyTtl(Duration.ofMinutes(-1)).maxAttempts(3).build();
    String id = account();
    expiring.handle(new OpenAccount(id, "ann"), CommandOptions.NONE);
    expiring.handle(new Deposit(id, 5), CommandOptions.idempotent("old"));
    CommandResult again = expiring.handle(new Deposit(id, 5), CommandOptions.idempotent("old"));

    assertThat(again.replayed()).isFalse();
    assertThat(again.version()).isEqualTo(3);
    assertThat(store.read("account#" + id, 0)).hasSize(3);
  }

  @Test
  void throttlingAndTransactionConflicts_areRetried_andEveryCommandLandsExactlyOnce() {
    FaultInjector faults = new FaultInjector(0.3, 0.5, 42);
    // the SDK's own retries are off so every injected fault reaches the command bus's retry loop
    try (DynamoDbClient faulty = dynamoDb.newClient(o -> o.addExecutionInterceptor(faults).retryStrategy(AwsRetryStrategy.doNotRetry()))) {
      DynamoDbEventStore faultyStore = DynamoDbEventStore.builder().dynamoDbClient(faulty).tableName("events").build();
      CommandBus<Account> faultyBus = CommandBus.builder(SourcedApp.INSTANCE, Account.class)
          .codecs(SourcedAppJson.INSTANCE).eventStore(faultyStore).maxAttempts(20)
          .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();
      String id = account();
      faultyBus.handle(new OpenAccount(id, "ann"), CommandOptions.NONE);
      faultyBus.handle(new Deposit(id, 10_000), CommandOptions.NONE);
      for (int i = 0; i < 40; i++) {
        faultyBus.handle(new Withdraw(id, 1), CommandOptions.idempotent("w-" + i));
      }
      assertThat(faults.throttled()).isGreaterThan(5);
      assertThat(faults.transactionConflicts()).isGreaterThan(5);
      List<StoredEvent> stored = store.read("account#" + id, 0);
      // open + deposit + 40 withdrawals of two events each, gapless
      assertThat(stored).hasSize(82);
      assertThat(stored).extracting(StoredEvent::version)
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 82).boxed().toList());
    }
  }

  @Test
  void aWriteWhoseAnswerIsLost_isNotRepeated_evenWithoutAnIdempotencyKey() {
    // every third write reaches the table and then fails as a timeout would: the bus cannot tell it happened
    AtomicInteger writes = new AtomicInteger();
    AtomicInteger lost = new AtomicInteger();
    ExecutionInterceptor loseEveryThirdAnswer = new ExecutionInterceptor() {
      @Override
      public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        boolean write = context.request() instanceof PutItemRequest || context.request() instanceof TransactWriteItemsRequest;
        if (write && writes.incrementAndGet() % 3 == 0) {
          lost.incrementAndGet();
          throw SdkClientException.create("injected: the answer was lost after the write");
        }
      }
    };
    try (DynamoDbClient faulty = dynamoDb.newClient(o -> o.addExecutionInterceptor(loseEveryThirdAnswer).retryStrategy(AwsRetryStrategy.doNotRetry()))) {
      DynamoDbEventStore faultyStore = DynamoDbEventStore.builder().dynamoDbClient(faulty).tableName("events").build();
      CommandBus<Account> faultyBus = CommandBus.builder(SourcedApp.INSTANCE, Account.class)
          .codecs(SourcedAppJson.INSTANCE).eventStore(faultyStore).maxAttempts(10)
          .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();
      String id = account();
      faultyBus.handle(new OpenAccount(id, "lou"), CommandOptions.NONE);
      for (int i = 0; i < 30; i++) {
        CommandResult result = faultyBus.handle(new Deposit(id, 1), CommandOptions.NONE);
        assertThat(result.events()).hasSize(1);
      }
      assertThat(lost.get()).isGreaterThanOrEqualTo(10);
      // open + 30 deposits, each once, gapless
      assertThat(store.read("account#" + id, 0)).extracting(StoredEvent::version)
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 31).boxed().toList());
    }
  }

  /**
   * Loses the answer of each write's first attempt after the write has reached the table, as a connection broken after
   * the request would; the SDK's own retry (its default strategy) then sends it again.
   */
  private static final class LoseFirstAnswers implements ExecutionInterceptor {
    private final Set<SdkRequest> seen = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final AtomicInteger lost = new AtomicInteger();

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
      boolean write = context.request() instanceof PutItemRequest || context.request() instanceof TransactWriteItemsRequest;
      if (write && seen.add(context.request())) {
        lost.incrementAndGet();
        throw SdkClientException.create("injected: the answer was lost after the write",
            new IOException("injected: connection reset"));
      }
    }
  }

  @Test
  void aWriteTheSdkSendsAgainAfterItsAnswerWasLost_isRecognizedAsStored_notDecidedAgain() {
    // the second attempt fails its condition on the command's own events: that must not read as a conflict (which would
    // decide again and store the command twice), nor, for a creation, as a stream that exists (409), nor, for a key, as
    // a unique value another stream holds
    LoseFirstAnswers loseFirstAnswers = new LoseFirstAnswers();
    try (DynamoDbClient faulty = dynamoDb.newClient(o -> o.addExecutionInterceptor(loseFirstAnswers))) {
      DynamoDbEventStore faultyStore = DynamoDbEventStore.builder().dynamoDbClient(faulty).tableName("events").build();
      CommandBus<Account> faultyBus = CommandBus.builder(SourcedApp.INSTANCE, Account.class)
          .codecs(SourcedAppJson.INSTANCE).eventStore(faultyStore).cachedStreams(10).build();
      String id = account();
      CommandResult opened = faultyBus.handle(new OpenAccount(id, "lou"), CommandOptions.NONE); // PutItem at version 1
      CommandResult deposited = faultyBus.handle(new Deposit(id, 100), CommandOptions.NONE); // PutItem, kept account
      CommandResult withdrawn = faultyBus.handle(new Withdraw(id, 30), CommandOptions.NONE); // two events: a transaction
      CommandResult keyed = faultyBus.handle(new Deposit(id, 5), new CommandOptions("deposit-5", null, null)); // + record

      assertThat(loseFirstAnswers.lost.get()).isEqualTo(4);
      assertThat(opened.created()).isTrue();
      assertThat(List.of(opened.version(), deposited.version(), withdrawn.version(), keyed.version()))
          .containsExactly(1L, 2L, 4L, 5L);
      assertThat(store.read("account#" + id, 0)).extracting(StoredEvent::type)
          .containsExactly("AccountOpened", "Deposited", "Withdrawn", "Transferred", "Deposited");
      assertThat(store.read("account#" + id, 0)).extracting(StoredEvent::commandId).containsExactly(opened.commandId(),
          deposited.commandId(), withdrawn.commandId(), withdrawn.commandId(), "deposit-5");

      // a creation claiming a unique value: event and reservation in one transaction, sent twice
      CommandBus<Customer> customers = CommandBus.builder(SourcedApp.INSTANCE, Customer.class)
          .codecs(SourcedAppJson.INSTANCE).eventStore(faultyStore).build();
      String customer = "c-" + UUID.randomUUID();
      CommandResult registered = customers.handle(new RegisterCustomer(customer, customer + "@example.com", "Lou"),
          CommandOptions.NONE);
      assertThat(loseFirstAnswers.lost.get()).isEqualTo(5);
      assertThat(registered.created()).isTrue();
      assertThat(store.read("customer#" + customer, 0)).extracting(StoredEvent::type).containsExactly("CustomerRegistered");
    }
  }

  @Test
  void aTransactionStillInProgressFromAnEarlierSend_isAnAnswerLost_notAFailure() {
    // on DynamoDB, a transaction's retry carries the SDK's ClientRequestToken; sent while the first send (written here)
    // still runs, it is refused with TransactionInProgressException: the command must look for its events, not fail
    AtomicInteger injected = new AtomicInteger();
    ExecutionInterceptor inProgress = new ExecutionInterceptor() {
      @Override
      public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof TransactWriteItemsRequest && injected.getAndIncrement() == 0) {
          throw TransactionInProgressException.builder().message("injected: the first send is still in progress").build();
        }
      }
    };
    try (DynamoDbClient faulty = dynamoDb.newClient(o -> o.addExecutionInterceptor(inProgress)
        .retryStrategy(AwsRetryStrategy.doNotRetry()))) {
      CommandBus<Account> faultyBus = CommandBus.builder(SourcedApp.INSTANCE, Account.class).codecs(SourcedAppJson.INSTANCE)
          .eventStore(DynamoDbEventStore.builder().dynamoDbClient(faulty).tableName("events").build())
          .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build();
      String id = account();
      faultyBus.handle(new OpenAccount(id, "lou"), CommandOptions.NONE);
      faultyBus.handle(new Deposit(id, 100), CommandOptions.NONE);

      CommandResult withdrawn = faultyBus.handle(new Withdraw(id, 30), CommandOptions.NONE); // two events: a transaction

      assertThat(injected.get()).isEqualTo(1);
      assertThat(withdrawn.version()).isEqualTo(4);
      assertThat(store.read("account#" + id, 0)).extracting(StoredEvent::type)
          .containsExactly("AccountOpened", "Deposited", "Withdrawn", "Transferred");
    }
  }

  @Test
  void everyEvent_recordsTheCallersPrincipal_andAnonymousCommandsRecordAnonymous() {
    String id = account();
    Caller alice = Caller.iam("arn:aws:iam::123456789012:user/alice");
    bus.handle(new OpenAccount(id, "ann"), CommandOptions.NONE);
    bus.handle(new Deposit(id, 500), new CommandOptions(null, "corr-2", null, alice));
    bus.handle(new Withdraw(id, 200), CommandOptions.NONE.by(alice));

    List<StoredEvent> stored = store.read("account#" + id, 0);
    assertThat(stored).extracting(StoredEvent::principal)
        .containsExactly("anonymous", alice.principal(), alice.principal(), alice.principal());
    assertThat(stored.get(3).metadata().principal()).isEqualTo(alice.principal());
  }

  @Test
  void handlerTakingTheContext_getsTheCallerWithItsClaims_andTheCommandsIds() {
    String id = account();
    bus.handle(new OpenAccount(id, "ann"), CommandOptions.NONE);
    Caller alice = Caller.jwt("alice-sub", Map.of("email", "alice@example.com"));

    CommandResult closed = bus.handle(new CloseAccount(id), new CommandOptions("close-1", "corr-3", null, alice));

    StoredEvent event = store.read("account#" + id, 1).get(0);
    assertThat(SourcedAppJson.INSTANCE.fromJson(AccountClosed.class, event.data()))
        .isEqualTo(new AccountClosed(id, "alice-sub", "alice@example.com"));
    assertThat(event.principal()).isEqualTo("alice-sub");
    assertThat(event.commandId()).isEqualTo("close-1").isEqualTo(closed.commandId());
    assertThat(event.correlationId()).isEqualTo("corr-3");
  }

  @Test
  void commandAProcessManagerSends_carriesItsOwnIdentity_andTheCausationChain() {
    String id = account();
    CommandResult opened = bus.handle(new OpenAccount(id, "ann"), new CommandOptions(null, "corr-4", null,
        Caller.iam("arn:aws:iam::123456789012:user/alice")));
    String trigger = opened.events().get(0).eventId();

    bus.handle(new Deposit(id, 100), new CommandOptions("pm-" + trigger, "corr-4", trigger,
        Caller.service("process-manager:welcome-bonus")));

    StoredEvent bonus = store.read("account#" + id, 1).get(0);
    assertThat(bonus.principal()).isEqualTo("process-manager:welcome-bonus");
    assertThat(bonus.causationId()).isEqualTo(trigger);
    assertThat(bonus.correlationId()).isEqualTo("corr-4");
  }

  @Test
  void callerBeyondTheLimits_isRefused_andNothingIsWritten() {
    String id = account();
    Caller huge = Caller.iam("arn:" + "x".repeat(Caller.MAX_PRINCIPAL_CHARS));

    assertThatThrownBy(() -> bus.handle(new OpenAccount(id, "ann"), CommandOptions.NONE.by(huge)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("command OpenAccount was refused: the principal is 2052 characters; at most 2048 are accepted");
    assertThat(store.read("account#" + id, 0)).isEmpty();
  }

  @Test
  void idempotencyKey_repeatedByTheSameCaller_getsTheFirstResult_byAnotherCaller_isRefused() {
    String id = account();
    Caller alice = Caller.iam("arn:aws:iam::123456789012:user/alice");
    Caller mallory = Caller.iam("arn:aws:iam::123456789012:user/mallory");
    bus.handle(new OpenAccount(id, "ann"), CommandOptions.NONE);
    CommandResult first = bus.handle(new Deposit(id, 100), CommandOptions.idempotent("dep-1").by(alice));

    CommandResult again = bus.handle(new Deposit(id, 100), CommandOptions.idempotent("dep-1").by(alice));
    assertThat(again.replayed()).isTrue();
    assertThat(again.version()).isEqualTo(first.version());

    assertThatThrownBy(() -> bus.handle(new Deposit(id, 100), CommandOptions.idempotent("dep-1").by(mallory)))
        .isInstanceOf(IdempotencyKeyReusedException.class);
    assertThat(store.read("account#" + id, 0)).hasSize(2);
  }
}
