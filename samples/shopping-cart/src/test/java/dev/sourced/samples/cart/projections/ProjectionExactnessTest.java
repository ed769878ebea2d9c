package dev.sourced.samples.cart.projections;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.sourced.api.Page;
import dev.sourced.deployment.TableSpec;
import dev.sourced.deployment.dynamodb.CreateTableRequests;
import dev.sourced.local.testkit.Deliveries;
import dev.sourced.local.testkit.ProjectionFixture;
import dev.sourced.runtime.SourcedException;
import dev.sourced.api.DomainException;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.projection.DynamoDbViews;
import dev.sourced.runtime.projection.ProjectionEngine;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.samples.cart.SourcedApp;
import dev.sourced.samples.cart.SourcedAppJson;
import dev.sourced.samples.cart.domain.AddItem;
import dev.sourced.samples.cart.domain.CheckOut;
import dev.sourced.samples.cart.domain.OpenCart;
import dev.sourced.samples.cart.domain.RemoveItem;
import dev.sourced.samples.cart.domain.ShoppingCart;
import dev.sourced.samples.cart.views.CartSummary;
import dev.sourced.samples.cart.views.CartSummaryProjection;
import dev.sourced.samples.cart.views.CustomerCarts;
import dev.sourced.samples.cart.views.CustomerCartsProjection;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Model-based: random cart histories, delivered with 20 % duplicates, 20 % reordering and a full second
 * delivery overlapping the first, in random batches consumed by two concurrent workers. Every view must
 * equal the in-memory fold of the history (the test kit's {@link ProjectionFixture}), including
 * {@code customer-carts}, whose views are fed by many streams.
 */
class ProjectionExactnessTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static DynamoDbClient client;
  private static DynamoDbEventStore store;
  private static CommandBus<ShoppingCart> bus;

  @BeforeAll
  static void start() {
    dynamoDb.createEventTable("events");
    client = dynamoDb.client();
    store = DynamoDbEventStore.builder().dynamoDbClient(client).tableName("events").build();
    bus = CommandBus.builder(SourcedApp.INSTANCE, ShoppingCart.class).codecs(SourcedAppJson.INSTANCE).eventStore(store).build();
  }


  /** Random commands over carts; returns each cart's stream, in order. */
  private static Map<String, List<StoredEvent>> history(long seed, int carts, int customers, int commands) {
    Random random = new Random(seed);
    List<String> cartIds = new ArrayList<>();
    for (int i = 0; i < carts; i++) {
      String cartId = "s" + seed + "-c" + i;
      bus.handle(new OpenCart(cartId, "s" + seed + "-u" + random.nextInt(customers)), CommandOptions.NONE);
      cartIds.add(cartId);
    }
    for (int i = 0; i < commands; i++) {
      String cartId = cartIds.get(random.nextInt(carts));
      String sku = "sku" + random.nextInt(4);
      Record command = switch (random.nextInt(10)) {
        case 0 -> new CheckOut(cartId);
        case 1, 2, 3 -> new RemoveItem(cartId, sku);
        default -> new AddItem(cartId, sku, 1 + random.nextInt(5));
      };
      try {
        bus.handle(command, CommandOptions.NONE);
      } catch (DomainException | SourcedException rejected) {
        // part of a realistic history: rejected commands store nothing
      }
    }
    Map<String, List<StoredEvent>> streams = new HashMap<>();
    for (String cartId : cartIds) {
      streams.put("shopping-cart#" + cartId, store.read("shopping-cart#" + cartId, 0));
    }
    return streams;
  }

  /** 20 % duplicated, 20 % moved elsewhere, then a second full delivery interleaved with the first. */
  private static List<StoredEvent> deliveries(List<StoredEvent> events, Random random) {
    List<StoredEvent> first = new ArrayList<>();
    for (StoredEvent event : events) {
      first.add(event);
      if (random.nextDouble() < 0.2) {
        first.add(event);
      }
    }
    for (int i = 0; i < first.size(); i++) {
      if (random.nextDouble() < 0.2) {
        StoredEvent moved = first.remove(i);
        first.add(random.nextInt(first.size() + 1), moved);
      }
    }
    List<StoredEvent> second = new ArrayList<>(events);
    Collections.shuffle(second, random);
    List<StoredEvent> merged = new ArrayList<>();
    int a = 0;
    int b = 0;
    while (a < first.size() || b < second.size()) {
      boolean takeFirst = b >= second.size() || (a < first.size() && random.nextInt(3) > 0);
      merged.add(takeFirst ? first.get(a++) : second.get(b++));
    }
    return merged;
  }

  /** Each stream's history cut into one to three runs of consecutive events, as a replay sends them, shuffled. */
  private static List<List<StoredEvent>> replayRuns(Map<String, List<StoredEvent>> streams, Random random) {
    List<List<StoredEvent>> runs = new ArrayList<>();
    for (List<StoredEvent> events : streams.values()) {
      int cut1 = random.nextInt(events.size() + 1);
      int cut2 = cut1 + random.nextInt(events.size() - cut1 + 1);
      for (List<StoredEvent> run : List.of(events.subList(0, cut1), events.subList(cut1, cut2), events.subList(cut2, events.size()))) {
        if (!run.isEmpty()) {
          runs.add(run);
        }
      }
    }
    Collections.shuffle(runs, random);
    return runs;
  }

  private static <V> Map<String, V> deliverAndRead(String projectionName, Class<V> viewType, List<StoredEvent> deliveries,
      List<List<StoredEvent>> runs, Random random) throws Exception {
    @SuppressWarnings("unchecked")
    ProjectionDefinition<V> projection = (ProjectionDefinition<V>) SourcedApp.INSTANCE.projections().stream()
        .filter(p -> p.name().equals(projectionName)).findFirst().orElseThrow();
    String tableName = projectionName + "-" + random.nextInt(1_000_000);
    client.createTable(CreateTableRequests.of(TableSpec.projection(tableName, projectionName, 1)));
    ProjectionTable table = new ProjectionTable(client, tableName);
    List<String> problems = Collections.synchronizedList(new ArrayList<>()); // the engine's WARN and ERROR lines
    ProjectionEngine<V> engine = new ProjectionEngine<>(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, projection,
        projection.dispatcher(), store, table, line -> {
          if (line.contains("\"level\":\"WARN\"") || line.contains("\"level\":\"ERROR\"")) {
            problems.add(line);
          }
        });

    ConcurrentLinkedQueue<SQSEvent> batches = new ConcurrentLinkedQueue<>();
    int next = 0;
    while (next < deliveries.size()) {
      int size = 1 + random.nextInt(10);
      batches.add(Deliveries.sqsBatch(deliveries.subList(next, Math.min(deliveries.size(), next + size))));
      next += size;
    }
    // a replay overlapping live delivery: its batches of runs interleave with the live batches
    List<SQSEvent> mixed = new ArrayList<>(batches);
    for (int from = 0; from < runs.size(); ) {
      int size = 1 + random.nextInt(10);
      mixed.add(random.nextInt(mixed.size() + 1), Deliveries.replayBatch(runs.subList(from, Math.min(runs.size(), from + size))));
      from += size;
    }
    batches.clear();
    batches.addAll(mixed);
    // two consumers, as Lambda runs concurrent batches; a message the engine fails comes back later, as SQS redelivers it
    // (the engine gives a stream up after losing its commit race a number of times and leaves it to redelivery), up to
    // the queue's 5 receives, after which SQS would dead-letter it: that must never happen
    Map<String, Integer> receives = new java.util.concurrent.ConcurrentHashMap<>();
    ExecutorService workers = Executors.newFixedThreadPool(2);
    List<Future<Integer>> deadLettered = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      deadLettered.add(workers.submit(() -> {
        int lost = 0;
        SQSEvent batch;
        while ((batch = batches.poll()) != null) {
          SQSBatchResponse response = engine.handle(batch);
          java.util.Set<String> failed = new java.util.HashSet<>();
          response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
          List<SQSEvent.SQSMessage> again = new ArrayList<>();
          for (SQSEvent.SQSMessage message : batch.getRecords()) {
            if (failed.contains(message.getMessageId())) {
              if (receives.merge(message.getMessageId(), 1, Integer::sum) < 5) {
                again.add(message);
              } else {
                lost++;
              }
            }
          }
          if (!again.isEmpty()) {
            SQSEvent redelivered = new SQSEvent();
            redelivered.setRecords(again);
            batches.add(redelivered);
          }
        }
        return lost;
      }));
    }
    for (Future<Integer> lost : deadLettered) {
      assertThat(lost.get()).as("messages that would reach the DLQ; the engine said: %s", problems).isZero();
    }
    workers.shutdown();

    Map<String, V> views = new HashMap<>();
    DynamoDbViews<V> stored = new DynamoDbViews<>(table, SourcedAppJson.INSTANCE, viewType);
    String cursor = null;
    do {
      Page<V> page = stored.list(7, cursor);
      for (V view : page.items()) {
        String key = view instanceof CartSummary s ? s.cartId() : ((CustomerCarts) view).customerId();
        assertThat(views.put(key, view)).as("each view listed once").isNull();
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return views;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void viewsEqualTheInMemoryFold_underDuplicatedReorderedAndReplayedDelivery_andAReplaysRunsOverlappingIt(long seed) throws Exception {
    Map<String, List<StoredEvent>> streams = history(seed, 12, 4, 150);
    Random random = new Random(seed * 31);

    ProjectionFixture<CartSummary> summaries = ProjectionFixture.of(CartSummaryProjection.class, CartSummary.class);
    ProjectionFixture<CustomerCarts> customerCarts = ProjectionFixture.of(CustomerCartsProjection.class, CustomerCarts.class);
    List<StoredEvent> all = new ArrayList<>();
    for (Map.Entry<String, List<StoredEvent>> stream : streams.entrySet()) {
      Record[] records = stream.getValue().stream().map(bus::toRecord).toArray(Record[]::new);
      summaries.givenStream(stream.getKey(), records);
      customerCarts.givenStream(stream.getKey(), records);
      all.addAll(stream.getValue());
    }
    Collections.shuffle(all, random); // streams interleave; within a stream, delivery order is scrambled below anyway

    List<StoredEvent> deliveries = deliveries(all, random);
    assertThat(deliveries.size()).isGreaterThan(2 * all.size());

    List<List<StoredEvent>> runs = replayRuns(streams, random);

    assertThat(deliverAndRead("cart-summary", CartSummary.class, deliveries, runs, random)).isEqualTo(summaries.views());
    assertThat(deliverAndRead("customer-carts", CustomerCarts.class, deliveries, runs, random)).isEqualTo(customerCarts.views());
    assertThat(customerCarts.views()).isNotEmpty();
  }
}
