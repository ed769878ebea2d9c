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
import dev.sourced.samples.cart.domain.CartState;
import dev.sourced.samples.cart.domain.CheckOut;
import dev.sourced.samples.cart.domain.ItemAdded;
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


  @Test
  void aCommandOnAStreamTheBusServedLast_writesWithoutReading() {
    String cartId = open(kept);
    for (int i = 0; i < 3; i++) {
      String sku = "s" + i;
      DynamoDbCalls.Recorded made = calls.during(() -> kept.handle(new AddItem(cartId, sku, 1), CommandOptions.NONE));
      assertThat(made.operations()).containsExactly("PutItem");
    }
    // with an idempotency key: the event and the record in one transaction, still no read
    DynamoDbCalls.Recorded made = calls.during(() -> kept.handle(new AddItem(cartId, "k", 1), CommandOptions.idempotent("key-1")));
    assertThat(made.operations()).containsExactly("TransactWriteItems");
    assertThat(store.read("shopping-cart#" + cartId, 0)).extracting(StoredEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void aStreamAnotherBusChanged_costsAFailedWrite_thenIsReadAndDecidedAgain() {
    String cartId = open(kept);
    kept.handle(new AddItem(cartId, "a", 1), CommandOptions.NONE);
    reading.handle(new AddItem(cartId, "b", 1), CommandOptions.NONE); // another container: the kept cart is now behind

    DynamoDbCalls.Recorded made = calls.during(() -> kept.handle(new AddItem(cartId, "c", 1), CommandOptions.NONE));

    assertThat(made.operations()).containsExactly("PutItem", "Query", "PutItem");
    assertThat(made.calls().get(0).failed()).isTrue();
    assertThat(made.calls().get(2).failed()).isFalse();
    List<StoredEvent> stream = store.read("shopping-cart#" + cartId, 0);
    assertThat(stream).extracting(StoredEvent::version).containsExactly(1L, 2L, 3L, 4L);
    assertThat(stream.get(3).data()).contains("\"c\"");
    // kept again, at version 4
    assertThat(calls.during(() -> kept.handle(new AddItem(cartId, "d", 1), CommandOptions.NONE)).operations()).containsExactly("PutItem");
  }

  @Test
  void aRefusalOnAKeptAggregate_isNotTrusted_theStreamAsStoredDecides() {
    String cartId = open(kept);
    kept.handle(new AddItem(cartId, "a", 1), CommandOptions.NONE);
    reading.handle(new AddItem(cartId, "b", 1), CommandOptions.NONE); // the kept cart does not know "b"

    // the kept cart would refuse: "b" is not in it; the stream says it is
    DynamoDbCalls.Recorded made = calls.during(() -> kept.handle(new RemoveItem(cartId, "b"), CommandOptions.NONE));

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
    assertThat(calls.during(() -> kept.handle(new AddItem(cartId, "b", 1), CommandOptions.NONE)).operations())
        .containsExactly("Query", "PutItem");
    assertThat(calls.during(() -> kept.handle(new AddItem(cartId, "c", 1), CommandOptions.NONE)).operations())
        .containsExactly("PutItem");
  }

  @Test
  void theLeastRecentlyUsedStreamIsDroppedFirst() {
    CommandBus<ShoppingCart> small = bus().cachedStreams(2).build();
    String first = open(small);
    String second = open(small);
    small.handle(new AddItem(first, "a", 1), CommandOptions.NONE); // first is now the most recently used
    String third = open(small); // drops second
    assertThat(calls.during(() -> small.handle(new AddItem(first, "b", 1), CommandOptions.NONE)).operations()).containsExactly("PutItem");
    assertThat(calls.during(() -> small.handle(new AddItem(third, "b", 1), CommandOptions.NONE)).operations()).containsExactly("PutItem");
    assertThat(calls.during(() -> small.handle(new AddItem(second, "b", 1), CommandOptions.NONE)).operations())
        .containsExactly("Query", "PutItem");
  }

  @Test
  void crossingAMultipleOfSnapshotEvery_writesTheSnapshotOfTheKeptAggregate_whichAReaderThenUses() {
    String cartId = open(kept);
    DynamoDbCalls.Recorded made = calls.during(() -> {
      for (int version = 2; version <= 50; version++) {
        kept.handle(new AddItem(cartId, "s" + (version % 7), version % 3 + 1), CommandOptions.NONE);
      }
    });
    // 49 commands decided on the kept cart: one write each, and the 50th also wrote the snapshot
    assertThat(made.operations()).hasSize(50).containsOnly("PutItem");
    // the snapshot is the cart a reload of its 50 events gives
    Map<String, Integer> items = new HashMap<>();
    for (StoredEvent event : store.read("shopping-cart#" + cartId, 0)) {
      if (event.type().equals("ItemAdded")) {
        ItemAdded added = SourcedAppJson.INSTANCE.fromJson(ItemAdded.class, event.data());
        items.merge(added.sku(), added.quantity(), Integer::sum);
      }
    }
    SnapshotStore.Snapshot snapshot = new SnapshotStore(client, "snapshots").latest("shopping-cart#" + cartId).orElseThrow();
    assertThat(snapshot.version()).isEqualTo(50);
    assertThat(SourcedAppJson.INSTANCE.fromJson(CartState.class, snapshot.data())).isEqualTo(new CartState("u1", items, false));
    // a reader of 52 events reads the newest 49, then the snapshot, for what came before them
    reading.handle(new AddItem(cartId, "x", 1), CommandOptions.NONE);
    reading.handle(new RemoveItem(cartId, "s3"), CommandOptions.NONE); // "s3" was added early on: only the snapshot has it
    assertThatThrownBy(() -> reading.handle(new RemoveItem(cartId, "s3"), CommandOptions.NONE)).isInstanceOf(DomainException.class);
  }

  @Test
  void aRepeatedIdempotencyKey_onAKeptCart_getsTheFirstAnswer_andStoresNothing() {
    String cartId = open(kept);
    CommandResult first = kept.handle(new AddItem(cartId, "a", 1), CommandOptions.idempotent("same"));
    DynamoDbCalls.Recorded made = calls.during(() ->
        assertThat(kept.handle(new AddItem(cartId, "a", 1), CommandOptions.idempotent("same")).toJson()).isEqualTo(first.toJson()));
    // decided on the kept cart; the transaction's condition on the key's record refuses it and returns the record
    assertThat(made.operations()).containsExactly("TransactWriteItems");
    assertThat(made.calls().get(0).failed()).isTrue();
    assertThat(store.read("shopping-cart#" + cartId, 0)).hasSize(2);
  }

  @Test
  void aKeptCartThatIsBehind_costsNoAttempt_evenWithOneAttemptAllowed() {
    CommandBus<ShoppingCart> oneAttempt = bus().maxAttempts(1).build();
    String cartId = open(oneAttempt);
    reading.handle(new AddItem(cartId, "b", 1), CommandOptions.NONE);
    CommandResult result = oneAttempt.handle(new AddItem(cartId, "c", 1), CommandOptions.NONE);
    assertThat(result.version()).isEqualTo(3);
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
    calls.take();
    go.countDown();
    for (Future<?> future : work) {
      future.get();
    }
    threads.shutdown();
    DynamoDbCalls.Recorded made = calls.take();

    // kept carts that were behind were decided on, and the store refused those decisions (writes that failed); on
    // streams this contended, most kept carts are behind (this run's reads outnumber its commands)
    assertThat(made.calls().stream().filter(call -> call.operation().equals("PutItem") && call.failed()).count()).isPositive();
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
