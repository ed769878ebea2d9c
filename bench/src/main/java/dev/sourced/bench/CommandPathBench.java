package dev.sourced.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sourced.local.dynamodb.LocalDynamoDb;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.SnapshotStore;
import dev.sourced.runtime.testing.DynamoDbCalls;
import dev.sourced.samples.cart.SourcedApp;
import dev.sourced.samples.cart.SourcedAppJson;
import dev.sourced.samples.cart.domain.AddItem;
import dev.sourced.samples.cart.domain.OpenCart;
import dev.sourced.samples.cart.domain.ShoppingCart;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The command path on DynamoDB Local in server mode (in this JVM, over loopback HTTP, with the URL-connection
 * client the Lambdas use): each kind of command, sent through the sample's {@link CommandBus}, against the raw
 * write it needs — the very {@code PutItem} or {@code TransactWriteItems} the command sent, sent again by the
 * same client with fresh keys (so its conditions hold), in the same run, alternating with the commands. For each
 * kind: p50, p99, the ratio to the raw write, and the DynamoDB calls a command made and in how many round trips.
 *
 * <ul>
 *   <li>{@code creation}: {@code open-cart} of a new cart;
 *   <li>{@code update}: {@code add-item} on a cart of 5 to 14 events (shorter than the 50 between snapshots);
 *   <li>{@code update-parallel}: the same with a snapshot read executor (the snapshot, which such a cart does not
 *       have, read at the same time as the events);
 *   <li>{@code update-snapshot}: {@code add-item} on a cart of 60 to 89 events, which has a snapshot at 50;
 *   <li>{@code update-snapshot-parallel}: the same with a snapshot read executor (snapshot and events at once);
 *   <li>{@code update-idempotency-key}: {@code add-item} with an {@code Idempotency-Key} on a cart of 5 to 14 events;
 *   <li>{@code update-kept}: {@code add-item} on a cart of 5 to 14 events that the bus served last and keeps
 *       ({@code @Aggregate(cachedStreams)}): decided without a read;
 *   <li>{@code update-kept-behind}: the same, but another bus (another container) added an item since, unmeasured: the
 *       kept cart is behind, so its write fails, and the command reads the stream and writes again.
 * </ul>
 *
 * The other kinds run on a bus that keeps no carts ({@code cachedStreams(0)}), as a container that has not served the
 * stream before.
 *
 * Kinds take turns, one command each, so all meet the same conditions (warm-up, JIT, the machine's load). Carts are
 * made between samples, unmeasured. Warm-up samples of each kind come first and are not counted.
 * Writes {@code <out>/command-path.json} and {@code command-path.md}.
 *
 * <p>System property {@code bench.command-path.kinds}: the kinds to run, comma-separated (default: all).
 *
 * <p>Arguments: {@code out} (default {@code target/bench}), {@code scale}: {@code full} (the default: 1,000 samples of
 * each kind after 200 discarded), {@code tiny} (5 after 2) or a number of samples.
 */
public final class CommandPathBench {
  private static final String EVENTS = "events";

  /** How many samples of each kind. */
  record Scale(int warmUp, int samples) {
    static Scale of(String name) {
      return switch (name) {
        case "full" -> new Scale(200, 1_000);
        case "tiny" -> new Scale(2, 5);
        default -> {
          if (!name.matches("[1-9][0-9]{0,6}")) {
            throw new IllegalArgumentException("scale is full, tiny or a number of samples per kind; found " + name);
          }
          int samples = Integer.parseInt(name);
          yield new Scale(Math.max(2, samples / 5), samples);
        }
      };
    }
  }

  /**
   * One kind of command: a bus, carts of a number of events, whether it carries a key, and what another writer adds to
   * its cart before it (one event, unmeasured), or {@code null}.
   */
  private record Kind(String name, String what, CommandBus<ShoppingCart> bus, Carts carts, boolean key,
      java.util.function.Consumer<String> meanwhile) {
    Kind(String name, String what, CommandBus<ShoppingCart> bus, Carts carts, boolean key) {
      this(name, what, bus, carts, key, null);
    }
  }

  /** Hands out carts of {@code from} to {@code to - 1} events, making a new one of {@code from} events when needed. */
  private static final class Carts {
    private final CommandBus<ShoppingCart> maker;
    private final int from;
    private final int to;
    private final AtomicLong ids;
    private String cart;
    private int events;

    Carts(CommandBus<ShoppingCart> maker, int from, int to, AtomicLong ids) {
      this.maker = maker;
      this.from = from;
      this.to = to;
      this.ids = ids;
    }

    /** @return a cart for the next command, which will add one event to it */
    String next() {
      return next(0);
    }

    /** @return a cart for the next command, which will add one event to it after {@code meanwhile} others did */
    String next(int meanwhile) {
      if (cart == null || events >= to) {
        cart = "bench-" + ids.incrementAndGet();
        maker.handle(new OpenCart(cart, "customer"), CommandOptions.NONE);
        for (int i = 2; i <= from; i++) {
          maker.handle(new AddItem(cart, "setup-" + i, 1), CommandOptions.NONE);
        }
        events = from;
      }
      events += 1 + meanwhile;
      return cart;
    }
  }

  /** Keeps the requests of each command, in the order they were made: what the raw baselines send again. */
  private static final class Requests implements ExecutionInterceptor {
    private final List<SdkRequest> made = new ArrayList<>();

    synchronized List<SdkRequest> take() {
      List<SdkRequest> taken = List.copyOf(made);
      made.clear();
      return taken;
    }

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      made.add(context.request());
    }
  }

  private CommandPathBench() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
    String scaleName = args.length > 1 ? args[1] : "full";
    Scale scale = Scale.of(scaleName);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode report = json.createObjectNode();
    report.put("benchmark", "commands against the raw write each needs, DynamoDB Local in server mode (this JVM, loopback HTTP), "
        + "one URL-connection client");
    Samples.machine(report);
    report.put("scale", scaleName);
    report.put("loadAtStart", load());
    DynamoDbCalls calls = new DynamoDbCalls();
    Requests requests = new Requests();
    ExecutorService snapshotReads = Executors.newCachedThreadPool(work -> {
      Thread thread = new Thread(work, "snapshot-read");
      thread.setDaemon(true);
      return thread;
    });
    try (LocalDynamoDb dynamoDb = LocalDynamoDb.start()) {
      dynamoDb.createEventTable(EVENTS);
      dynamoDb.createSnapshotTable("snapshots");
      try (DynamoDbClient client = dynamoDb.client(calls, requests)) {
        CommandBus.Builder<ShoppingCart> builder = CommandBus.builder(SourcedApp.INSTANCE, ShoppingCart.class)
            .codecs(SourcedAppJson.INSTANCE)
            .eventStore(DynamoDbEventStore.builder().dynamoDbClient(client).tableName(EVENTS).build())
            .snapshotStore(new SnapshotStore(client, "snapshots"))
            .cachedStreams(0);
        CommandBus<ShoppingCart> bus = builder.build();
        String only = System.getProperty("bench.command-path.kinds", "");
        CommandBus<ShoppingCart> parallel = only.isEmpty() || only.contains("parallel")
            ? builder.snapshotReadExecutor(snapshotReads).build() : null;
        // as the sample declares it: @Aggregate(cachedStreams = 1000)
        CommandBus<ShoppingCart> kept = builder.snapshotReadExecutor(null).cachedStreams(1000).build();
        AtomicLong ids = new AtomicLong();
        Carts keptBehind = new Carts(kept, 5, 15, ids);
        List<Kind> kinds = Stream.of(
            new Kind("creation", "`open-cart`, a new cart", bus, null, false),
            new Kind("update", "`add-item`, cart of 5–14 events", bus, new Carts(bus, 5, 15, ids), false),
            new Kind("update-parallel", "the same, snapshot read executor", parallel,
                new Carts(bus, 5, 15, ids), false),
            new Kind("update-snapshot", "`add-item`, cart of 60–89 events (snapshot at 50)", bus,
                new Carts(bus, 60, 90, ids), false),
            new Kind("update-snapshot-parallel", "the same, snapshot read executor", parallel,
                new Carts(bus, 60, 90, ids), false),
            new Kind("update-idempotency-key", "`add-item` with an `Idempotency-Key`, cart of 5–14 events", bus,
                new Carts(bus, 5, 15, ids), true),
            new Kind("update-kept", "`add-item`, cart of 5–14 events the bus served last (kept)", kept,
                new Carts(kept, 5, 15, ids), false),
            new Kind("update-kept-behind", "the same, but another bus added an item since (kept cart behind)", kept,
                keptBehind, false, cart -> bus.handle(new AddItem(cart, "meanwhile-" + UUID.randomUUID(), 1), CommandOptions.NONE)))
            .filter(kind -> only.isEmpty() || List.of(only.split(",")).contains(kind.name())).toList();
        List<Measured> measured = kinds.stream().map(Measured::new).toList();
        // round robin: every kind meets the same warm-up, JIT and load on the machine
        for (int i = -scale.warmUp(); i < scale.samples(); i++) {
          for (Measured kind : measured) {
            kind.sample(i, client, calls, requests, ids);
          }
        }
        ObjectNode results = report.putObject("kinds");
        for (Measured kind : measured) {
          results.set(kind.kind.name(), kind.result(json));
          System.out.println(kind.kind.name() + " " + results.get(kind.kind.name()));
        }
      }
    } finally {
      snapshotReads.shutdownNow();
    }
    report.put("loadAtEnd", load());
    Files.createDirectories(out);
    Path file = out.resolve("command-path.json");
    json.writeValue(file.toFile(), report);
    DocTables.write(out, "command-path", table(report));
    System.out.println("wrote " + file.toAbsolutePath());
  }

  /** One kind's samples. */
  private static final class Measured {
    private final Kind kind;
    private final Samples commands = new Samples(1_000);
    private final Samples rawWrites = new Samples(1_000);
    private final Samples rawCalls = new Samples(1_000);
    private final Map<String, Integer> paths = new LinkedHashMap<>();
    private List<SdkRequest> made = List.of();

    Measured(Kind kind) {
      this.kind = kind;
    }

    /** Sends one command and its raw calls again; counted from {@code i = 0} on. */
    void sample(int i, DynamoDbClient client, DynamoDbCalls calls, Requests requests, AtomicLong ids) {
      // every other sample sends the raw calls first (the previous command's), so neither always follows the other
      boolean rawFirst = i % 2 != 0 && !made.isEmpty();
      long[] raw = rawFirst ? sendAgain(client, made) : null;
      String cart = kind.carts() == null ? "bench-" + ids.incrementAndGet() : kind.carts().next(kind.meanwhile() == null ? 0 : 1);
      if (kind.meanwhile() != null) {
        kind.meanwhile().accept(cart);
      }
      Record command = kind.carts() == null ? new OpenCart(cart, "customer") : new AddItem(cart, "sku-" + i, 1);
      CommandOptions options = kind.key() ? CommandOptions.idempotent(UUID.randomUUID().toString()) : CommandOptions.NONE;
      calls.take();
      requests.take();
      long start = System.nanoTime();
      kind.bus().handle(command, options);
      long commandNanos = System.nanoTime() - start;
      DynamoDbCalls.Recorded recorded = calls.take();
      made = requests.take();
      if (!rawFirst) {
        raw = sendAgain(client, made);
      }
      if (i >= 0) {
        commands.add(commandNanos);
        rawWrites.add(raw[0]);
        rawCalls.add(raw[1]);
        paths.merge(recorded.path(), 1, Integer::sum);
      }
    }

    ObjectNode result(ObjectMapper json) {
      ObjectNode result = json.createObjectNode();
      result.put("what", kind.what());
      // the usual path; a command that met a conflict or a fault would take another, and every one seen is listed
      String usual = paths.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      result.put("path", usual);
      result.put("calls", usual.split(" → | ‖ ").length);
      result.put("roundTrips", usual.split(" → ").length);
      ObjectNode seen = result.putObject("pathsSeen");
      paths.forEach(seen::put);
      result.put("rawWrite", describe(write(made)));
      result.set("command", commands.summary(json));
      result.set("raw", rawWrites.summary(json));
      result.set("rawCalls", rawCalls.summary(json));
      result.put("ratioP50", Samples.round(commands.percentileMs(50) / rawWrites.percentileMs(50)));
      result.put("ratioP99", Samples.round(commands.percentileMs(99) / rawWrites.percentileMs(99)));
      result.put("sourcedOwnP50Ms", Samples.round(commands.percentileMs(50) - rawCalls.percentileMs(50)));
      return result;
    }
  }

  /** @return the command's write to the event table */
  private static SdkRequest write(List<SdkRequest> made) {
    return made.stream().filter(request -> request instanceof TransactWriteItemsRequest
        || request instanceof PutItemRequest put && put.tableName().equals(EVENTS)).findFirst().orElseThrow();
  }

  /**
   * Sends a command's write again, alone, then all its calls again, one after the other (reads as they were, writes
   * with fresh keys).
   *
   * @return nanoseconds {@code [the write, all the calls]}
   */
  private static long[] sendAgain(DynamoDbClient client, List<SdkRequest> made) {
    long start = System.nanoTime();
    send(client, write(made));
    long write = System.nanoTime() - start;
    start = System.nanoTime();
    for (SdkRequest request : made) {
      send(client, request);
    }
    return new long[] {write, System.nanoTime() - start};
  }

  private static void send(DynamoDbClient client, SdkRequest request) {
    String stream = "raw#" + UUID.randomUUID();
    if (request instanceof QueryRequest query) {
      client.query(query);
    } else if (request instanceof GetItemRequest get) {
      client.getItem(get);
    } else if (request instanceof PutItemRequest put) {
      client.putItem(put.toBuilder().item(rekeyed(put.item(), stream)).build());
    } else if (request instanceof TransactWriteItemsRequest transaction) {
      List<TransactWriteItem> items = new ArrayList<>();
      for (TransactWriteItem item : transaction.transactItems()) {
        Put put = item.put();
        items.add(item.toBuilder().put(put.toBuilder().item(rekeyed(put.item(), stream)).build()).build());
      }
      client.transactWriteItems(transaction.toBuilder().transactItems(items).build());
    } else {
      throw new IllegalStateException("a command made a call this benchmark does not send again: " + request);
    }
  }

  /** @return the item under a fresh stream (an idempotency record under a fresh key) */
  private static Map<String, AttributeValue> rekeyed(Map<String, AttributeValue> item, String stream) {
    Map<String, AttributeValue> copy = new HashMap<>(item);
    String key = item.get("streamId").s();
    copy.put("streamId", AttributeValue.fromS(key.startsWith(DynamoDbEventStore.IDEMPOTENCY_PREFIX)
        ? DynamoDbEventStore.IDEMPOTENCY_PREFIX + stream + "#" + UUID.randomUUID() : stream));
    return copy;
  }

  private static String describe(SdkRequest write) {
    if (write instanceof PutItemRequest) {
      return "conditional PutItem (1 item)";
    }
    return "TransactWriteItems (" + ((TransactWriteItemsRequest) write).transactItems().size() + " conditional puts)";
  }

  /** @return the system's load average over the last minute: on a shared machine, how much else ran */
  private static double load() {
    return Samples.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** @return the report as the table in docs/benchmarks.md */
  static String table(JsonNode r) {
    StringBuilder table = new StringBuilder("Measured " + DocTables.machine(r) + ", load average " + r.get("loadAtStart").asDouble()
        + " at the start and " + r.get("loadAtEnd").asDouble() + " at the end; scale " + r.get("scale").asText() + ", "
        + r.get("kinds").elements().next().at("/command/n").asInt()
        + " commands of each kind, each followed or preceded by its raw write.\n\n"
        + "| command kind | DynamoDB calls (→ one after the other, ‖ at once) | calls | round trips | command p50 / p99 ms | raw write "
        + "| raw write p50 / p99 ms | ratio p50 | ratio p99 | the same calls, raw, p50 ms |\n"
        + "|---|---|---|---|---|---|---|---|---|---|\n");
    r.get("kinds").fields().forEachRemaining(entry -> {
      JsonNode kind = entry.getValue();
      table.append("| `").append(entry.getKey()).append("`: ").append(kind.get("what").asText())
          .append(" | ").append(kind.get("path").asText())
          .append(" | ").append(kind.get("calls").asInt())
          .append(" | ").append(kind.get("roundTrips").asInt())
          .append(" | ").append(kind.at("/command/p50Ms").asDouble()).append(" / ").append(kind.at("/command/p99Ms").asDouble())
          .append(" | ").append(kind.get("rawWrite").asText())
          .append(" | ").append(kind.at("/raw/p50Ms").asDouble()).append(" / ").append(kind.at("/raw/p99Ms").asDouble())
          .append(" | ").append(kind.get("ratioP50").asDouble()).append("×")
          .append(" | ").append(kind.get("ratioP99").asDouble()).append("×")
          .append(" | ").append(kind.at("/rawCalls/p50Ms").asDouble()).append(" |\n");
    });
    return table.toString();
  }
}
