package dev.sourced.samples.cart.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.api.DomainException;
import dev.sourced.runtime.ConcurrencyConflictException;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.command.CommandResult;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.SnapshotStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.runtime.testing.DynamoDbCalls;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import dev.sourced.samples.cart.SourcedApp;
import dev.sourced.samples.cart.SourcedAppJson;
import dev.sourced.samples.cart.domain.AddItem;
import dev.sourced.samples.cart.domain.CheckOut;
import dev.sourced.samples.cart.domain.OpenCart;
import dev.sourced.samples.cart.domain.RemoveItem;
import dev.sourced.samples.cart.domain.ShoppingCart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Kept aggregates ({@code @Aggregate(cachedStreams)}, ShoppingCart keeps 1,000): a bus decides on the aggregate its
 * last command on a stream left, and its conditional append is what confirms nobody appended since. Each bus here
 * stands for one container; {@code reading} keeps none, as a container that has not served the stream.
 */
class KeptAggregatesTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static final DynamoDbCalls calls = new DynamoDbCalls();
  private static DynamoDbClient client;
  private static DynamoDbEventStore store;
  private static CommandBus<ShoppingCart> kept;
  private static CommandBus<ShoppingCart> reading;

  @BeforeAll
  static void start() {
    dynamoDb.createEventTable("events");
    dynamoDb.createSnapshotTable("snapshots");
    client = dynamoDb.newClient(o -> o.addExecutionInterceptor(calls));
    store = DynamoDbEventStore.builder().dynamoDbClient(client).tableName("events").build();
    kept = bus().build(); // the registry's setting: @Aggregate(cachedStreams = 1000)
    reading = bus().cachedStreams(0).build();
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  private static CommandBus.Builder<ShoppingCart> bus() {
    return CommandBus.builder(SourcedApp.INSTANCE, ShoppingCart.class).codecs(SourcedAppJson.INSTANCE).eventStore(store)
        .snapshotStore(new SnapshotStore(client, "snapshots"));
  }

  private static String open(CommandBus<ShoppingCart> bus) {
    String cartId = "kept-" + UUID.randomUUID();
    bus.handle(new OpenCart(cartId, "u1"), CommandOptions.NONE);
    return cartId;
  }

  private static DynamoDbCalls.Recorded callsOf(Supplier<?> command) {
    calls.take();
    command.get();
    return calls.take();
  }

  @Test
  void aCommandOnAStreamTheBusServedLast_writesWithoutReading() {
    String cartId = open(kept);
    for (int i = 0; i < 3; i++) {
      String sku = "s" + i;
      DynamoDbCalls.Recorded made = callsOf(() -> kept.handle(new AddItem(cartId, sku, 1), CommandOptions.NONE));
      assertThat(made.operations()).containsExactly("PutItem");
    }
    // with an idempotency key: the event and the record in one transaction, still no read
    DynamoDbCalls.Recorded made = callsOf(() -> kept.handle(new AddItem(cartId, "k", 1), CommandOptions.idempotent("key-1")));
    assertThat(made.operations()).containsExactly("TransactWriteItems");
    assertThat(store.read("shopping-cart#" + cartId, 0)).extracting(StoredEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void aStreamAnotherBusChanged_costsAFailedWrite_thenIsReadAndDecidedAgain() {
    String cartId = open(kept);
    kept.handle(new AddItem(cartId, "a", 1), CommandOptions.NONE);
    reading.handle(new AddItem(cartId, "b", 1), CommandOptions.NONE); // another container: the kept cart is now behind

    DynamoDbCalls.Recorded made = callsOf(() -> kept.handle(new AddItem(cartId, "c", 1), CommandOptions.NONE));

    assertThat(made.operations()).containsExactly("PutItem", "Query", "PutItem");
    assertThat(made.calls().get(0).failed()).isTrue();
    assertThat(made.calls().get(2).failed()).isFalse();
    List<StoredEvent> stream = store.read("shopping-cart#" + cartId, 0);
    assertThat(stream).extracting(StoredEvent::version).containsExactly(1L, 2L, 3L, 4L);
    assertThat(stream.get(3).data()).contains("\"c\"");
    // kept again, at version 4
    assertThat(callsOf(() -> kept.handle(new AddItem(cartId, "d", 1), CommandOptions.NONE)).operations()).containsExactly("PutItem");
  }

  @Test
  void aRefusalOnAKeptAggregate_isNotTrusted_theStreamAsStoredDecides() {
    String cartId = open(kept);
    kept.handle(new AddItem(cartId, "a", 1), CommandOptions.NONE);
    reading.handle(new AddItem(cartId, "b", 1), CommandOptions.NONE); // the kept cart does not know "b"

    // the kept cart would refuse: "b" is not in it; the stream says it is
    DynamoDbCalls.Recorded made = callsOf(() -> kept.handle(new RemoveItem(cartId, "b"), CommandOptions.NONE));

    assertThat(made.operations()).containsExactly("Query", "PutItem");
    assertThat(store.read("shopping-cart#" + cartId, 0)).hasSize(4);
  }

  @Test
  void aRefusalTheStreamConfirms_isAnswered_andTheBusKeepsNothingOfIt() {
    String cartId = open(kept);
    kept.handle(new AddItem(cartId, "a", 1), CommandOptions.NONE);
    calls.take();
    assertThatThrownBy(() -> kept.handle(new RemoveItem(cartId, "not-there"), CommandOptions.NONE))
        .isInstanceOf(DomainException.class);
    assertThat(calls.take().operations()).containsExactly("Query");
    // a refused command left nothing kept: the next command reads the stream, and is kept after it
    assertThat(callsOf(() -> kept.handle(new AddItem(cartId, "b", 1), CommandOptions.NONE)).operations())
        .containsExactly("Query", "PutItem");
    assertThat(callsOf(() -> kept.handle(new AddItem(cartId, "c", 1), CommandOptions.NONE)).operations())
        .containsExactly("PutItem");
  }

  @Test
  void theLeastRecentlyUsedStreamIsDroppedFirst() {
    CommandBus<ShoppingCart> small = bus().cachedStreams(2).build();
    String first = open(small);
    String second = open(small);
    small.handle(new AddItem(first, "a", 1), CommandOptions.NONE); // first is now the most recently used
    String third = open(small); // drops second
    assertThat(callsOf(() -> small.handle(new AddItem(first, "b", 1), CommandOptions.NONE)).operations()).containsExactly("PutItem");
    assertThat(callsOf(() -> small.handle(new AddItem(third, "b", 1), CommandOptions.NONE)).operations()).containsExactly("PutItem");
    assertThat(callsOf(() -> small.handle(new AddItem(second, "b", 1), CommandOptions.NONE)).operations())
        .containsExactly("Query", "PutItem");
  }

  @Test
  void crossingAMultipleOfSnapshotEvery_writesTheSnapshotOfTheKeptAggregate_whichAReaderThenUses() {
    String cartId = open(kept);
    for (int version = 2; version <= 50; version++) {
      kept.handle(new AddItem(cartId, "s" + (version % 7), 1), CommandOptions.NONE);
    }
    // 50 events: the 50th append wrote the snapshot; a reader of 52 events reads the newest 49, then the snapshot
    reading.handle(new AddItem(cartId, "x", 1), CommandOptions.NONE);
    reading.handle(new RemoveItem(cartId, "s3"), CommandOptions.NONE); // "s3" was added by the kept bus: in the snapshot
    assertThatThrownBy(() -> reading.handle(new RemoveItem(cartId, "s3"), CommandOptions.NONE)).isInstanceOf(DomainException.class);
    assertThat(new SnapshotStore(client, "snapshots").latest("shopping-cart#" + cartId)).get()
        .satisfies(snapshot -> assertThat(snapshot.version()).isEqualTo(50))
        .satisfies(snapshot -> assertThat(snapshot.data()).contains("\"s3\":7"));
  }

  /**
   * Four buses (four containers) with kept carts, eight threads, adds, removes and a check-out on the same carts. Every
   * event in each stream must be one its aggregate, rebuilt from the events before it, would decide: no remove of an item
   * not in the cart, nothing after the check-out. A decision on a kept aggregate that was behind and got through would
   * break that.
   */
  @Test
  void fourContainersTakingTurnsOnTwoCarts_storeOnlyDecisionsTheStreamAllowed() throws Exception {
    List<CommandBus<ShoppingCart>> containers = List.of(bus().build(), bus().build(), bus().build(), bus().build());
    List<String> carts = List.of(open(reading), open(reading));
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      work.add(threads.submit(() -> {
        go.await();
        for (int i = 0; i < 60; i++) {
          CommandBus<ShoppingCart> bus = containers.get((thread + i) % containers.size());
          String cartId = carts.get((thread * 7 + i) % carts.size());
          String sku = "sku-" + (i % 3); // shared SKUs: whether a remove is allowed depends on the others' commands
          Record command = i == 55 && thread == 0 ? new CheckOut(cartId)
              : i % 2 == 0 ? new AddItem(cartId, sku, 1) : new RemoveItem(cartId, sku);
          try {
            CommandResult result = bus.handle(command, CommandOptions.NONE);
            assertThat(result.events()).isNotEmpty();
            accepted.incrementAndGet();
          } catch (DomainException | ConcurrencyConflictException e) {
            refused.incrementAndGet();
          }
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> future : work) {
      future.get();
    }
    threads.shutdown();

    int stored = 0;
    for (String cartId : carts) {
      List<StoredEvent> stream = store.read("shopping-cart#" + cartId, 0);
      Map<String, Integer> items = new HashMap<>();
      boolean checkedOut = false;
      for (int i = 0; i < stream.size(); i++) {
        StoredEvent event = stream.get(i);
        assertThat(event.version()).as("gapless").isEqualTo(i + 1);
        assertThat(checkedOut).as("nothing after the check-out: " + event.type()).isFalse();
        String sku = event.data().replaceAll(".*\"sku\":\"([^\"]*)\".*", "$1");
        switch (event.type()) {
          case "CartOpened" -> assertThat(i).isZero();
          case "ItemAdded" -> items.merge(sku, 1, Integer::sum);
          case "ItemRemoved" -> assertThat(items.remove(sku)).as("removed " + sku + " at version " + event.version()).isNotNull();
          case "CartCheckedOut" -> {
            assertThat(items).isNotEmpty();
            checkedOut = true;
          }
          default -> throw new AssertionError("unexpected event " + event.type());
        }
      }
      stored += stream.size() - 1;
    }
    assertThat(accepted.get() + refused.get()).isEqualTo(480);
    assertThat(stored).as("one event per accepted command").isEqualTo(accepted.get());
    assertThat(accepted.get()).isGreaterThan(100);
  }
}
