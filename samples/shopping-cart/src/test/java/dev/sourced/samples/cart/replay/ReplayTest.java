package dev.sourced.samples.cart.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sourced.api.Page;
import dev.sourced.local.cloud.LocalCloud;
import dev.sourced.local.testkit.AppVariants;
import dev.sourced.local.testkit.ProjectionFixture;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.projection.DynamoDbViews;
import dev.sourced.runtime.projection.ProjectionStatus;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.AppendRequest;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.samples.cart.SourcedApp;
import dev.sourced.samples.cart.SourcedAppJson;
import dev.sourced.samples.cart.domain.ShoppingCart;
import dev.sourced.samples.cart.views.CartSummary;
import dev.sourced.samples.cart.views.CartSummaryProjection;
import dev.sourced.spi.SourcedApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new projection version rebuilt from history, as after a deployment that raises {@code @Projection(version)}: 10,000
 * events in 500 streams are in the store (some at an old revision, which the replay upcasts), version 2 of
 * cart-summary starts, its replay workflow (the stack's state machine definition, run by aws-local-stepfunctions)
 * reads the store into its replay queue while live commands keep coming; queries answer from version 1 until version
 * 2 is ready, then from version 2; afterwards every view equals the test kit's fold of its whole stream, which it
 * would not if an event had been applied twice (quantities add up).
 */
class ReplayTest {
  static final int STREAMS = 500;
  static final int EVENTS_PER_STREAM = 20;

  @TempDir
  Path data;

  @Test
  void aNewVersionIsRebuiltFromHistoryWhileLiveCommandsFlowAndQueriesKeepTheOldVersion() throws Exception {
    List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    long started = System.nanoTime();
    java.util.function.Consumer<String> hops = line -> log.add((System.nanoTime() - started) / 1_000_000 + " ms " + line);
    try {
    try (LocalCloud v1 = LocalCloud.builder().app("shopping-cart").dataDirectory(data).log(hops).start()) {
      assertThat(v1.awaitReplays(Duration.ofMinutes(2))).isEmpty();
      appendHistory(v1);
    }

    SourcedApplication version2 = AppVariants.withProjectionVersion(SourcedApp.INSTANCE, "cart-summary", 2);
    try (LocalCloud v2 = LocalCloud.builder().application(version2).dataDirectory(data).log(hops).start()) {
      var pipeline = v2.deployment().pipeline("cart-summary");
      assertThat(pipeline.table().name()).endsWith("-v2");
      assertThat(pipeline.previousTable().name()).endsWith("-v1");
      assertThat(v2.replays()).containsKey("cart-summary");
      ProjectionTable current = new ProjectionTable(v2.dynamoDb(), pipeline.table().name());

      AtomicBoolean replaying = new AtomicBoolean(true);
      AtomicInteger live = new AtomicInteger();
      Thread commands = new Thread(() -> {
        Random random = new Random(7);
        while (replaying.get() || live.get() < 200) {
          String cart = "r" + random.nextInt(STREAMS);
          APIGatewayV2HTTPResponse response = v2.request("POST", "/shopping-cart/" + cart + "/add-item",
              "{\"cartId\":\"" + cart + "\",\"sku\":\"live-" + random.nextInt(5) + "\",\"quantity\":1}");
          assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
          live.incrementAndGet();
        }
      }, "live-commands");
      commands.start();

      int answeredByV1 = 0;
      Random random = new Random(11);
      while (!current.status().ready() && !v2.replays().get("cart-summary").execution().output().isDone()) {
        String cart = "r" + random.nextInt(STREAMS);
        APIGatewayV2HTTPResponse answer = v2.request("GET", "/cart-summary/" + cart, null);
        String version = answer.getHeaders().get("x-sourced-projection-version");
        if (!current.status().ready()) {
          // answered before version 2 was ready: by version 1 (as far as its live path had got), never a half-built
          // version 2, never a 503
          assertThat(answer.getStatusCode()).as(answer.getBody()).isIn(200, 404);
          if ("1".equals(version)) {
            answeredByV1++;
          } else {
            assertThat(version).as("a query during the replay").isEqualTo("2");
            assertThat(current.status().ready()).as("version 2 answers only once ready").isTrue();
          }
        }
      }
      assertThat(v2.awaitReplays(Duration.ofMinutes(5))).as("replay failures").isEmpty();
      replaying.set(false);
      commands.join();
      assertThat(answeredByV1).as("queries answered by version 1 during the replay").isPositive();
      assertThat(current.status().state()).isEqualTo(ProjectionStatus.State.READY);
      // a query function looks at the version's status at most once a second until it is ready
      long switchBy = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!"2".equals(v2.request("GET", "/cart-summary/r1", null).getHeaders().get("x-sourced-projection-version"))) {
        assertThat(System.nanoTime()).as("queries switch to version 2 within seconds of it being ready").isLessThan(switchBy);
        Thread.sleep(50);
      }

      awaitApplied(v2, pipeline.table().name(), Duration.ofMinutes(6));
      assertThat(views(v2, pipeline.table().name())).as("version 2 = the fold of every stream's whole history")
          .isEqualTo(fold(v2).views());
      ProjectionStatus status = current.status();

      // a catch-up replay of the version, now that it applied everything, sends nothing: the reader leaves out what
      // each page's streams' checkpoints say was applied
      v2.replay("cart-summary", null);
      assertThat(v2.awaitReplays(Duration.ofMinutes(2))).as("catch-up failures").isEmpty();
      ProjectionStatus.Replay catchUp = current.status().replay();
      assertThat(catchUp.mode()).isEqualTo("catch-up");
      assertThat(catchUp.scanned()).isGreaterThanOrEqualTo(STREAMS * EVENTS_PER_STREAM);
      assertThat(catchUp.sent()).isZero();
      System.out.printf("replay of %d events (+%d live commands): %s, %d applied%n", STREAMS * EVENTS_PER_STREAM, live.get(),
          status.replay(), status.eventsApplied());
    }
    } finally {
      // the hops of the run, for a look after a failure
      java.nio.file.Files.write(Path.of("target", "replay-test-hops.log"), List.copyOf(log));
    }
  }

  /** 500 carts, each opened and then given 19 items, every fourth at the old revision of ItemAdded. */
  private static void appendHistory(LocalCloud cloud) {
    DynamoDbEventStore store = store(cloud);
    for (int s = 0; s < STREAMS; s++) {
      String cart = "r" + s;
      String streamId = "shopping-cart#" + cart;
      List<StoredEvent> events = new ArrayList<>();
      events.add(event(streamId, 1, "CartOpened", 1, "{\"cartId\":\"" + cart + "\",\"customerId\":\"c" + (s % 50) + "\"}"));
      for (int v = 2; v <= EVENTS_PER_STREAM; v++) {
        events.add(v % 4 == 0
            ? event(streamId, v, "ItemAdded", 1, "{\"cartId\":\"" + cart + "\",\"sku\":\"old-" + (v % 3) + "\"}")
            : event(streamId, v, "ItemAdded", 2, "{\"cartId\":\"" + cart + "\",\"sku\":\"sku-" + (v % 7) + "\",\"quantity\":" + v + "}"));
      }
      store.append(new AppendRequest(streamId, 0, events, null));
    }
  }

  private static StoredEvent event(String streamId, long version, String type, int revision, String data) {
    return new StoredEvent(streamId, version, type, revision, data, UUID.randomUUID().toString(), Instant.now(), "history-" + streamId, "history", "history",
        "arn:aws:iam::123456789012:user/importer");
  }

  /** Waits until the table's checkpoints reach every stream's last version. */
  private static void awaitApplied(LocalCloud cloud, String table, Duration timeout) throws InterruptedException {
    ProjectionTable projection = new ProjectionTable(cloud.dynamoDb(), table);
    DynamoDbEventStore store = store(cloud);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int s = 0; s < STREAMS; s++) {
      String streamId = "shopping-cart#r" + s;
      List<StoredEvent> events = store.read(streamId, 0);
      long last = events.get(events.size() - 1).version();
      while (projection.checkpoint(streamId) < last) {
        assertThat(System.nanoTime()).as("%s applied up to v%d in %s", streamId, last, table).isLessThan(deadline);
        Thread.sleep(20);
      }
    }
  }

  private static ProjectionFixture<CartSummary> fold(LocalCloud cloud) {
    DynamoDbEventStore store = store(cloud);
    CommandBus<ShoppingCart> bus = CommandBus.builder(SourcedApp.INSTANCE, ShoppingCart.class).codecs(SourcedAppJson.INSTANCE)
        .eventStore(store).build();
    ProjectionFixture<CartSummary> summaries = ProjectionFixture.of(CartSummaryProjection.class, CartSummary.class);
    for (int s = 0; s < STREAMS; s++) {
      String streamId = "shopping-cart#r" + s;
      for (StoredEvent event : store.read(streamId, 0)) {
        // each with its own principal: the replayed views must show who opened each cart, as the metadata says
        summaries.by(event.principal()).givenStream(streamId, bus.toRecord(event));
      }
    }
    return summaries;
  }

  private static Map<String, CartSummary> views(LocalCloud cloud, String table) {
    DynamoDbViews<CartSummary> views = new DynamoDbViews<>(new ProjectionTable(cloud.dynamoDb(), table), SourcedAppJson.INSTANCE,
        CartSummary.class);
    Map<String, CartSummary> all = new HashMap<>();
    String cursor = null;
    do {
      Page<CartSummary> page = views.list(100, cursor);
      page.items().forEach(view -> all.put(view.cartId(), view));
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }

  private static DynamoDbEventStore store(LocalCloud cloud) {
    return DynamoDbEventStore.builder().dynamoDbClient(cloud.dynamoDb()).tableName(cloud.deployment().eventTable().name()).build();
  }
}
