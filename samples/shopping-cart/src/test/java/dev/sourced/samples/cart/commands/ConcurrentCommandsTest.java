package dev.sourced.samples.cart.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sourced.api.DomainException;
import dev.sourced.runtime.ConcurrencyConflictException;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.command.CommandResult;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.SnapshotStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.samples.cart.SourcedApp;
import dev.sourced.samples.cart.SourcedAppJson;
import dev.sourced.samples.cart.domain.AddItem;
import dev.sourced.samples.cart.domain.OpenCart;
import dev.sourced.samples.cart.domain.RemoveItem;
import dev.sourced.samples.cart.domain.ShoppingCart;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Many writers on few streams, on DynamoDB Local's real conditional writes and transactions. */
class ConcurrentCommandsTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static DynamoDbClient client;
  private static DynamoDbEventStore store;
  private static CommandBus<ShoppingCart> bus;

  @BeforeAll
  static void start() {
    dynamoDb.createEventTable("events");
    dynamoDb.createSnapshotTable("snapshots");
    client = dynamoDb.client();
    store = DynamoDbEventStore.builder().dynamoDbClient(client).tableName("events").build();
    // as deployed: ShoppingCart snapshots every 50 events, so a load reads at most ~50 events
    bus = CommandBus.builder(SourcedApp.INSTANCE, ShoppingCart.class).codecs(SourcedAppJson.INSTANCE).eventStore(store)
        .snapshotStore(new SnapshotStore(client, "snapshots")).build();
  }


  @Test
  void sixteenThreads_twoHundredCommandsEach_onFourCarts_leaveGaplessStreams_withEveryAcceptedCommandOnce() throws Exception {
    List<String> carts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String cartId = "race-" + i + "-" + UUID.randomUUID();
      bus.handle(new OpenCart(cartId, "u" + i), CommandOptions.NONE);
      carts.add(cartId);
    }
    Map<String, String> acceptedEventIds = new ConcurrentHashMap<>(); // eventId -> streamId
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    AtomicInteger domainRejections = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      int thread = t;
      work.add(threads.submit(() -> {
        go.await();
        for (int i = 0; i < 200; i++) {
          String cartId = carts.get((thread + i) % 4);
          String sku = "sku-" + thread;
          // adds and removes of each thread's own SKU; a remove of a SKU not in the cart is a domain rejection
          var command = i % 3 == 2 ? new RemoveItem(cartId, sku) : new AddItem(cartId, sku, 1 + i % 5);
          try {
            CommandResult result = bus.handle(command, CommandOptions.NONE);
            accepted.incrementAndGet();
            result.events().forEach(e -> acceptedEventIds.put(e.eventId(), result.streamId()));
          } catch (ConcurrencyConflictException e) {
            conflicts.incrementAndGet();
          } catch (DomainException e) {
            domainRejections.incrementAndGet();
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

    assertThat(accepted.get() + conflicts.get() + domainRejections.get()).isEqualTo(3200);
    assertThat(accepted.get()).isGreaterThan(2500);
    Set<String> storedCommandIds = new HashSet<>();
    Map<String, Integer> storedEventIds = new HashMap<>();
    int storedAfterOpen = 0;
    for (String cartId : carts) {
      List<StoredEvent> stream = store.read("shopping-cart#" + cartId, 0);
      for (int i = 0; i < stream.size(); i++) {
        assertThat(stream.get(i).version()).as("gapless versions").isEqualTo(i + 1);
        storedEventIds.merge(stream.get(i).eventId(), 1, Integer::sum);
        storedCommandIds.add(stream.get(i).commandId());
      }
      storedAfterOpen += stream.size() - 1;
    }
    // every accepted command's events are stored exactly once, in the stream it was for ...
    for (Map.Entry<String, String> event : acceptedEventIds.entrySet()) {
      assertThat(storedEventIds.get(event.getKey())).as("event " + event.getKey()).isEqualTo(1);
    }
    // ... and nothing else is: rejected commands stored nothing
    assertThat(storedAfterOpen).isEqualTo(acceptedEventIds.size());
    assertThat(storedCommandIds).hasSize(accepted.get() + 4);
    System.out.printf("concurrency: accepted=%d conflicts=%d domainRejections=%d%n", accepted.get(), conflicts.get(), domainRejections.get());
  }

  @Test
  void sameIdempotencyKey_fromEightThreadsAtOnce_appendsOnce_andAllGetTheSameAnswer() throws Exception {
    String cartId = "idem-" + UUID.randomUUID();
    bus.handle(new OpenCart(cartId, "u1"), CommandOptions.NONE);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<CommandResult>> answers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      answers.add(threads.submit(() -> {
        go.await();
        return bus.handle(new AddItem(cartId, "A", 1), CommandOptions.idempotent("same-key"));
      }));
    }
    go.countDown();
    Set<String> bodies = new HashSet<>();
    for (Future<CommandResult> answer : answers) {
      bodies.add(answer.get().toJson());
    }
    threads.shutdown();
    assertThat(bodies).hasSize(1);
    assertThat(store.read("shopping-cart#" + cartId, 0)).hasSize(2);
  }
}
