package dev.sourced.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.local.testkit.FaultInjector;
import dev.sourced.local.testkit.bank.Account;
import dev.sourced.local.testkit.bank.ChangeEmail;
import dev.sourced.local.testkit.bank.ChangeEmails;
import dev.sourced.local.testkit.bank.Customer;
import dev.sourced.local.testkit.bank.CustomerLeft;
import dev.sourced.local.testkit.bank.EmailChanged;
import dev.sourced.local.testkit.bank.LeaveBank;
import dev.sourced.local.testkit.bank.RegisterCustomer;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.runtime.StreamAlreadyExistsException;
import dev.sourced.runtime.UniqueValueTakenException;
import dev.sourced.runtime.UnpublishableEventException;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.command.CommandResult;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import dev.sourced.spi.UniqueValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Unique values through the command bus on DynamoDB Local: a customer's email is claimed when it registers, moved when
 * it changes and released when it leaves, each in the transaction of its events, and no two customers ever hold one.
 */
class UniqueValuesTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static DynamoDbEventStore store;
  private static CommandBus<Customer> bus;

  @BeforeAll
  static void start() {
    dynamoDb.createEventTable("events");
    store = DynamoDbEventStore.builder().dynamoDbClient(dynamoDb.client()).tableName("events").build();
    bus = CommandBus.builder(SourcedApp.INSTANCE, Customer.class).codecs(SourcedAppJson.INSTANCE).eventStore(store).build();
  }

  private static String customer() {
    return "c-" + UUID.randomUUID();
  }

  private static String email() {
    return UUID.randomUUID() + "@example.com";
  }

  /** @return the stream holding the email's reservation, or null */
  private static String holder(String email) {
    Map<String, AttributeValue> item = dynamoDb.client().getItem(r -> r.tableName("events").consistentRead(true).key(Map.of(
        "streamId", AttributeValue.fromS("unique#customer#email#" + email), "version", AttributeValue.fromN("0")))).item();
    return item.isEmpty() ? null : item.get("owner").s();
  }

  @Test
  void theRegistry_tellsWhichScopesTheCustomerClaims_andWhichEventsMoveOrReleaseThem() {
    assertThat(SourcedApp.INSTANCE.aggregate(Customer.class).orElseThrow().uniqueScopes()).containsExactly("email");
    assertThat(SourcedApp.INSTANCE.event(EmailChanged.class).orElseThrow().uniqueMoves()).extracting(UniqueValue::component)
        .containsExactly("email");
    assertThat(SourcedApp.INSTANCE.event(CustomerLeft.class).orElseThrow().uniqueReleases()).containsExactly("email");
    assertThat(SourcedApp.INSTANCE.aggregate(Account.class).orElseThrow().uniqueScopes()).isEmpty();
  }

  @Test
  void registering_claimsTheEmail_andASecondCustomerWithIt_isRefused_writingNothing() {
    String ann = customer();
    String email = email();
    CommandResult registered = bus.handle(new RegisterCustomer(ann, email, "Ann"), CommandOptions.NONE);
    assertThat(registered.status()).isEqualTo(201);
    assertThat(holder(email)).isEqualTo("customer#" + ann);

    String bob = customer();
    assertThatThrownBy(() -> bus.handle(new RegisterCustomer(bob, email, "Bob"), CommandOptions.NONE))
        .isInstanceOfSatisfying(UniqueValueTakenException.class, e -> {
          assertThat(e.scope()).isEqualTo("email");
          assertThat(e.aggregate()).isEqualTo("customer");
          assertThat(e.getMessage()).isEqualTo("the email is taken: another customer holds it; nothing was written")
              .doesNotContain(email);
        });
    assertThat(store.read("customer#" + bob, 0)).isEmpty();
    assertThat(holder(email)).isEqualTo("customer#" + ann);
  }

  @Test
  void aRepeatWithTheSameIdempotencyKey_getsTheFirstAnswer_notATakenValue_evenAfterTheValueMovedOn() {
    String ann = customer();
    String email = email();
    CommandResult first = bus.handle(new RegisterCustomer(ann, email, "Ann"), CommandOptions.idempotent("register-1"));
    CommandResult again = bus.handle(new RegisterCustomer(ann, email, "Ann"), CommandOptions.idempotent("register-1"));
    assertThat(again.replayed()).isTrue();
    assertThat(again.toJson()).isEqualTo(first.toJson());
    assertThat(again.status()).isEqualTo(201);

    // the email moves to another customer since; the repeat still gets the first answer
    bus.handle(new ChangeEmail(ann, email()), CommandOptions.NONE);
    bus.handle(new RegisterCustomer(customer(), email, "Bob"), CommandOptions.NONE);
    assertThat(bus.handle(new RegisterCustomer(ann, email, "Ann"), CommandOptions.idempotent("register-1")).toJson())
        .isEqualTo(first.toJson());
    assertThat(store.read("customer#" + ann, 0)).hasSize(2);
  }

  @Test
  void aCommandWithAKeyThatClaimsATakenValue_isRefused_andSoIsItsRepeat() {
    String email = email();
    bus.handle(new RegisterCustomer(customer(), email, "Ann"), CommandOptions.NONE);
    String bob = customer();
    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> bus.handle(new RegisterCustomer(bob, email, "Bob"), CommandOptions.idempotent("k")))
          .isInstanceOf(UniqueValueTakenException.class);
    }
    assertThat(store.read("customer#" + bob, 0)).isEmpty();
  }

  @Test
  void changingTheEmail_movesTheReservation_andFreesTheOldOne() {
    String ann = customer();
    String old = email();
    String changed = email();
    bus.handle(new RegisterCustomer(ann, old, "Ann"), CommandOptions.NONE);
    bus.handle(new ChangeEmail(ann, changed), CommandOptions.NONE);

    assertThat(holder(changed)).isEqualTo("customer#" + ann);
    assertThat(holder(old)).isNull();
    assertThat(store.uniqueValue("customer#" + ann, "email")).contains(changed);
    String bob = customer();
    bus.handle(new RegisterCustomer(bob, old, "Bob"), CommandOptions.NONE);
    assertThat(holder(old)).isEqualTo("customer#" + bob);
  }

  @Test
  void changingToATakenEmail_isRefused_andTheCustomerKeepsItsEmail() {
    String taken = email();
    bus.handle(new RegisterCustomer(customer(), taken, "Bob"), CommandOptions.NONE);
    String ann = customer();
    String own = email();
    bus.handle(new RegisterCustomer(ann, own, "Ann"), CommandOptions.NONE);

    assertThatThrownBy(() -> bus.handle(new ChangeEmail(ann, taken), CommandOptions.NONE))
        .isInstanceOf(UniqueValueTakenException.class);
    assertThat(store.read("customer#" + ann, 0)).hasSize(1);
    assertThat(holder(own)).isEqualTo("customer#" + ann);
  }

  @Test
  void leaving_releasesTheEmail_soAnotherCustomerCanClaimIt() {
    String ann = customer();
    String email = email();
    bus.handle(new RegisterCustomer(ann, email, "Ann"), CommandOptions.NONE);
    bus.handle(new LeaveBank(ann), CommandOptions.NONE);

    assertThat(holder(email)).isNull();
    assertThat(store.uniqueValue("customer#" + ann, "email")).isEmpty();
    String bob = customer();
    assertThat(bus.handle(new RegisterCustomer(bob, email, "Bob"), CommandOptions.NONE).status()).isEqualTo(201);
    assertThat(holder(email)).isEqualTo("customer#" + bob);
  }

  @Test
  void theEventsOfOneCommand_reserveOnlyTheValueTheyEndWith() {
    String ann = customer();
    String first = email();
    String between = email();
    String last = email();
    bus.handle(new RegisterCustomer(ann, first, "Ann"), CommandOptions.NONE);
    bus.handle(new ChangeEmails(ann, List.of(between, last)), CommandOptions.NONE);
    assertThat(holder(first)).isNull();
    assertThat(holder(between)).isNull();
    assertThat(holder(last)).isEqualTo("customer#" + ann);

    // and back where it started: nothing to change, nothing written but the events
    bus.handle(new ChangeEmails(ann, List.of(between, last)), CommandOptions.NONE);
    assertThat(holder(last)).isEqualTo("customer#" + ann);
    assertThat(store.read("customer#" + ann, 0)).hasSize(5);
  }

  @Test
  void registeringAnExistingCustomerAgain_isStreamExists_andClaimsNothing() {
    String ann = customer();
    bus.handle(new RegisterCustomer(ann, email(), "Ann"), CommandOptions.NONE);
    String other = email();
    assertThatThrownBy(() -> bus.handle(new RegisterCustomer(ann, other, "Ann"), CommandOptions.NONE))
        .isInstanceOf(StreamAlreadyExistsException.class);
    assertThat(holder(other)).isNull();
  }

  @Test
  void aValueThatCannotBeAKey_isRefusedBeforeAnythingIsWritten() {
    String ann = customer();
    assertThatThrownBy(() -> bus.handle(new RegisterCustomer(ann, "", "Ann"), CommandOptions.NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.email must not be empty");
    assertThat(store.read("customer#" + ann, 0)).isEmpty();

    String email = email();
    bus.handle(new RegisterCustomer(ann, email, "Ann"), CommandOptions.NONE);
    String huge = "x".repeat(3000) + "@example.com";
    assertThatThrownBy(() -> bus.handle(new ChangeEmail(ann, huge), CommandOptions.NONE))
        .isInstanceOfSatisfying(UnpublishableEventException.class, e -> {
          assertThat(e.path()).isEqualTo("$.email");
          assertThat(e.getMessage()).contains("is 3012 bytes in UTF-8; a unique email of customer takes at most 2026")
              .doesNotContain("xxxxxxxxxx");
        });
    assertThat(store.read("customer#" + ann, 0)).hasSize(1);
    assertThat(holder(email)).isEqualTo("customer#" + ann);
  }

  @Test
  void racingRegistrations_forOneEmail_haveExactlyOneWinner_throughTransactionConflictsAndThrottling() throws Exception {
    FaultInjector faults = new FaultInjector(0.2, 0.4, 7);
    try (DynamoDbClient faulty = dynamoDb.newClient(o -> o.addExecutionInterceptor(faults).retryStrategy(AwsRetryStrategy.doNotRetry()))) {
      CommandBus<Customer> racing = CommandBus.builder(SourcedApp.INSTANCE, Customer.class).codecs(SourcedAppJson.INSTANCE)
          .eventStore(DynamoDbEventStore.builder().dynamoDbClient(faulty).tableName("events").build())
          .maxAttempts(30).backoff(Duration.ofMillis(1), Duration.ofMillis(10)).build();
      for (int round = 0; round < 5; round++) {
        String email = email();
        int racers = 12;
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
          customers.add(customer());
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<String>> outcomes = new ArrayList<>();
        for (String id : customers) {
          outcomes.add(pool.submit(() -> {
            go.await();
            try {
              racing.handle(new RegisterCustomer(id, email, id), CommandOptions.NONE);
              return "won";
            } catch (UniqueValueTakenException e) {
              return "taken";
            }
          }));
        }
        go.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
          results.add(outcome.get());
        }
        pool.shutdown();

        assertThat(results).containsOnly("won", "taken").filteredOn("won"::equals).hasSize(1);
        String winner = customers.get(results.indexOf("won"));
        assertThat(holder(email)).isEqualTo("customer#" + winner);
        for (String id : customers) {
          assertThat(store.read("customer#" + id, 0)).hasSize(id.equals(winner) ? 1 : 0);
        }
      }
      assertThat(faults.transactionConflicts()).isGreaterThan(3);
    }
  }

  @Test
  void aClaimWhoseAnswerIsLost_isNotRefusedAsTaken_whenTheBusRetries() {
    AtomicInteger lost = new AtomicInteger();
    ExecutionInterceptor loseTheFirstAnswer = new ExecutionInterceptor() {
      @Override
      public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof TransactWriteItemsRequest && lost.getAndIncrement() == 0) {
          throw SdkClientException.create("injected: the answer was lost after the write");
        }
      }
    };
    try (DynamoDbClient faulty = dynamoDb.newClient(o -> o.addExecutionInterceptor(loseTheFirstAnswer).retryStrategy(AwsRetryStrategy.doNotRetry()))) {
      CommandBus<Customer> unlucky = CommandBus.builder(SourcedApp.INSTANCE, Customer.class).codecs(SourcedAppJson.INSTANCE)
          .eventStore(DynamoDbEventStore.builder().dynamoDbClient(faulty).tableName("events").build())
          .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();
      String ann = customer();
      String email = email();
      CommandResult result = unlucky.handle(new RegisterCustomer(ann, email, "Ann"), CommandOptions.NONE);
      assertThat(result.status()).isEqualTo(201);
      assertThat(lost.get()).isEqualTo(1);
      assertThat(store.read("customer#" + ann, 0)).extracting(StoredEvent::version).containsExactly(1L);
      assertThat(holder(email)).isEqualTo("customer#" + ann);

      String moved = email();
      lost.set(0);
      assertThat(unlucky.handle(new ChangeEmail(ann, moved), CommandOptions.NONE).version()).isEqualTo(2);
      assertThat(holder(moved)).isEqualTo("customer#" + ann);
      assertThat(holder(email)).isNull();
    }
  }
}
