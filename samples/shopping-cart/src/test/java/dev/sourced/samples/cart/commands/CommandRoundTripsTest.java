package dev.sourced.samples.cart.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.api.DomainException;
import dev.sourced.runtime.StreamAlreadyExistsException;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.command.CommandResult;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.SnapshotStore;
import dev.sourced.runtime.testing.DynamoDbCalls;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import dev.sourced.samples.cart.SourcedApp;
import dev.sourced.samples.cart.SourcedAppJson;
import dev.sourced.samples.cart.domain.AddItem;
import dev.sourced.samples.cart.domain.OpenCart;
import dev.sourced.samples.cart.domain.RemoveItem;
import dev.sourced.samples.cart.domain.ShoppingCart;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB calls each kind of command costs, and in how many round trips: the command path's budget
 * (docs/commands.md, "Round trips"). ShoppingCart snapshots every 50 events.
 */
class CommandRoundTripsTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static final DynamoDbCalls calls = new DynamoDbCalls();
  /** While armed, a stream Query and a snapshot GetItem each wait until the other has started: it proves the two overlap. */
  private static final OverlapCheck overlap = new OverlapCheck();
  private static DynamoDbClient client;
  private static CommandBus<ShoppingCart> bus;
  private static ExecutorService snapshotReads;
  private static CommandBus<ShoppingCart> parallelBus;

  @BeforeAll
  static void start() {
    dynamoDb.createEventTable("events");
    dynamoDb.createSnapshotTable("snapshots");
    // calls first: a call's start is recorded before the overlap check holds it
    client = dynamoDb.newClient(o -> o.addExecutionInterceptor(calls).addExecutionInterceptor(overlap));
    snapshotReads = Executors.newCachedThreadPool();
    bus = bus().build();
    parallelBus = bus().snapshotReadExecutor(snapshotReads).build();
  }

  @AfterAll
  static void stop() {
    snapshotReads.shutdownNow();
    client.close();
  }

  private static CommandBus.Builder<ShoppingCart> bus() {
    return CommandBus.builder(SourcedApp.INSTANCE, ShoppingCart.class).codecs(SourcedAppJson.INSTANCE)
        .eventStore(DynamoDbEventStore.builder().dynamoDbClient(client).tableName("events").build())
        .snapshotStore(new SnapshotStore(client, "snapshots"))
        .cachedStreams(0); // every command reads its stream, as with no container kept (KeptAggregatesTest: with them)
  }

  /** @return a new cart with {@code events} events: opened, then items added */
  private static String cart(int events) {
    String cartId = "rt-" + UUID.randomUUID();
    bus.handle(new OpenCart(cartId, "u1"), CommandOptions.NONE);
    for (int version = 2; version <= events; version++) {
      bus.handle(new AddItem(cartId, "s" + version, 1), CommandOptions.NONE);
    }
    return cartId;
  }


  @Test
  void creation_writesWithoutReading() {
    String cartId = "rt-" + UUID.randomUUID();
    DynamoDbCalls.Recorded made = calls.during(() -> bus.handle(new OpenCart(cartId, "u1"), CommandOptions.NONE));
    assertThat(made.operations()).containsExactly("PutItem");
  }

  @Test
  void creationOfAStreamThatExists_isRefusedByItsOneWrite() {
    String cartId = cart(1);
    calls.take();
    assertThatThrownBy(() -> bus.handle(new OpenCart(cartId, "u2"), CommandOptions.NONE))
        .isInstanceOf(StreamAlreadyExistsException.class);
    DynamoDbCalls.Recorded made = calls.take();
    assertThat(made.operations()).containsExactly("PutItem");
    assertThat(made.calls().get(0).failed()).isTrue();
  }

  @Test
  void creationWithAKey_writesEventAndIdempotencyRecordInOneTransaction() {
    String cartId = "rt-" + UUID.randomUUID();
    DynamoDbCalls.Recorded made = calls.during(() -> bus.handle(new OpenCart(cartId, "u1"), CommandOptions.idempotent("k")));
    assertThat(made.operations()).containsExactly("TransactWriteItems");
  }

  @Test
  void update_readsTheStreamOnce_andWritesOnce() {
    String cartId = cart(5);
    DynamoDbCalls.Recorded made = calls.during(() -> bus.handle(new AddItem(cartId, "x", 1), CommandOptions.NONE));
    assertThat(made.operations()).containsExactly("Query", "PutItem");
    assertThat(made.roundTrips()).isEqualTo(2);
  }

  @Test
  void updateWithAKey_readsNoIdempotencyRecord_andWritesItWithTheEvent() {
    String cartId = cart(5);
    DynamoDbCalls.Recorded made = calls.during(() -> bus.handle(new AddItem(cartId, "x", 1), CommandOptions.idempotent("k")));
    assertThat(made.operations()).containsExactly("Query", "TransactWriteItems");
  }

  @Test
  void repeatWithTheSameKey_isAnsweredByItsFailedWrite_withoutAnotherRead() {
    String cartId = cart(5);
    CommandResult first = bus.handle(new AddItem(cartId, "x", 1), CommandOptions.idempotent("k"));
    DynamoDbCalls.Recorded made = calls.during(() -> {
      CommandResult again = bus.handle(new AddItem(cartId, "x", 1), CommandOptions.idempotent("k"));
      assertThat(again.toJson()).isEqualTo(first.toJson());
    });
    assertThat(made.operations()).containsExactly("Query", "TransactWriteItems");
    assertThat(made.calls().get(1).failed()).isTrue();
  }

  @Test
  void refusedCommand_readsOnce_andWithAKey_alsoReadsTheKeysRecord() {
    String cartId = cart(5);
    calls.take();
    assertThatThrownBy(() -> bus.handle(new RemoveItem(cartId, "not-there"), CommandOptions.NONE))
        .isInstanceOf(DomainException.class);
    assertThat(calls.take().operations()).containsExactly("Query");
    // the record is read only now, so that a repeat of an earlier success would get that answer
    assertThatThrownBy(() -> bus.handle(new RemoveItem(cartId, "not-there"), CommandOptions.idempotent("r")))
        .isInstanceOf(DomainException.class);
    assertThat(calls.take().operations()).containsExactly("Query", "Query");
  }

  @Test
  void updateOfAStreamWithASnapshot_readsItsNewestEvents_thenTheSnapshot() {
    String cartId = cart(60); // snapshot at 50
    DynamoDbCalls.Recorded made = calls.during(() -> bus.handle(new AddItem(cartId, "x", 1), CommandOptions.NONE));
    assertThat(made.operations()).containsExactly("Query", "GetItem", "PutItem");
    assertThat(made.roundTrips()).isEqualTo(3);
  }

  @Test
  void updateThatCrossesAMultipleOf50_alsoWritesTheSnapshot() {
    String cartId = cart(49);
    DynamoDbCalls.Recorded made = calls.during(() -> bus.handle(new AddItem(cartId, "x", 1), CommandOptions.NONE));
    assertThat(made.operations()).containsExactly("Query", "PutItem", "PutItem");
  }

  @Test
  void withASnapshotReadExecutor_theSnapshotAndTheNewestEventsAreReadInOneRoundTrip() {
    String cartId = cart(60);
    overlap.arm();
    DynamoDbCalls.Recorded made;
    try {
      made = calls.during(() -> parallelBus.handle(new AddItem(cartId, "x", 1), CommandOptions.NONE));
    } finally {
      overlap.disarm();
    }
    assertThat(made.operations()).containsExactlyInAnyOrder("Query", "GetItem", "PutItem");
    assertThat(made.operations().get(2)).isEqualTo("PutItem");
    assertThat(made.roundTrips()).isEqualTo(2);
    // a short stream: the snapshot is read all the same (there is none), and in the same round trip
    String shortCart = cart(3);
    made = calls.during(() -> parallelBus.handle(new AddItem(shortCart, "x", 1), CommandOptions.NONE));
    assertThat(made.operations()).containsExactlyInAnyOrder("Query", "GetItem", "PutItem");
  }

  /**
   * Holds the stream Query and the snapshot GetItem each until the other has started (at most 10 s): only calls
   * made at the same time both get through, and whichever the scheduler starts first, both are in flight at once.
   */
  private static final class OverlapCheck implements ExecutionInterceptor {
    private volatile CountDownLatch bothStarted;

    void arm() {
      bothStarted = new CountDownLatch(2);
    }

    void disarm() {
      bothStarted = null;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      CountDownLatch latch = bothStarted;
      if (latch == null) {
        return;
      }
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      if (operation.equals("GetItem") || operation.equals("Query")) {
        latch.countDown();
        try {
          assertThat(latch.await(10, TimeUnit.SECONDS)).as("the snapshot GetItem and the stream Query started together").isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }
}
