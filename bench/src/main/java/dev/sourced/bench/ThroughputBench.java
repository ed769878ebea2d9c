package dev.sourced.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sourced.bench.axon.AxonCart;
import dev.sourced.bench.axon.IndexedInMemoryEventStorageEngine;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.samples.cart.SourcedApp;
import dev.sourced.samples.cart.SourcedAppJson;
import dev.sourced.samples.cart.domain.AddItem;
import dev.sourced.samples.cart.domain.OpenCart;
import dev.sourced.samples.cart.domain.ShoppingCart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * In-memory command throughput, framework against framework, in one JVM and one run: Sourced's
 * {@link CommandBus} (generated dispatcher, applier and codecs; events serialized to JSON as it stores them)
 * on {@link InMemoryEventStore}, and the same cart on Axon Framework 4 ({@code CommandGateway.sendAndWait})
 * on {@link IndexedInMemoryEventStorageEngine}, Axon's in-memory engine indexed by aggregate (Axon keeps
 * the event objects; it serializes nothing). One thread sends every command, as a request thread does:
 * per cart, open it and add {@value #ADDS_PER_CART} items, cart after cart. Variants alternate, each round
 * on a fresh framework and store, after warm-up rounds that are discarded; the report has every round, the
 * median commands/s of each variant and the ratio Sourced ÷ Axon of those medians.
 *
 * <p>Arguments: {@code out} (default {@code target/bench}), {@code commands per round} (default 100,000),
 * {@code rounds} (default 7), {@code warm-up rounds} (default 3). Writes {@code <out>/throughput.json}.
 */
public final class ThroughputBench {
  static final int ADDS_PER_CART = 9;

  private ThroughputBench() {}

  /** One framework handling the cart's commands. */
  interface Variant {
    String name();

    /** Sets up a fresh framework with an empty store. */
    void setUp();

    void open(String cartId);

    void add(String cartId, String sku);
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
    int commands = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    int warmUps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    List<Variant> variants = List.of(new Sourced(), new Axon());
    Map<String, List<Double>> perSecond = new LinkedHashMap<>();
    variants.forEach(v -> perSecond.put(v.name(), new ArrayList<>()));
    for (int round = -warmUps; round < rounds; round++) {
      for (int i = 0; i < variants.size(); i++) {
        Variant variant = variants.get((i + Math.max(round, 0)) % variants.size());
        double rate = round(variant, commands, "r" + round + "-");
        if (round >= 0) {
          perSecond.get(variant.name()).add(rate);
        }
        System.out.printf("%s round %d: %.0f commands/s%n", variant.name(), round, rate);
      }
    }

    ObjectNode report = json.createObjectNode();
    report.put("benchmark", "in-memory command throughput, one thread: per cart open + " + ADDS_PER_CART + " adds");
    Samples.machine(report);
    report.put("commandsPerRound", commands);
    report.put("rounds", rounds);
    report.put("warmUpRounds", warmUps);
    ObjectNode results = report.putObject("variants");
    Map<String, Double> medians = new LinkedHashMap<>();
    perSecond.forEach((name, rates) -> {
      ObjectNode node = results.putObject(name);
      node.put("store", STORES.get(name));
      double median = Samples.median(rates);
      medians.put(name, median);
      node.put("medianCommandsPerSecond", Math.round(median));
      ArrayNode all = node.putArray("commandsPerSecond");
      rates.forEach(r -> all.add(Math.round(r)));
    });
    report.putObject("ratios").put("sourced-command-bus / axon-indexed, median commands/s",
        Samples.round(medians.get("sourced-command-bus") / medians.get("axon-indexed")));
    Files.createDirectories(out);
    Path file = out.resolve("throughput.json");
    json.writeValue(file.toFile(), report);
    DocTables.write(out, "throughput", table(report));
    medians.forEach((name, median) -> System.out.printf("%-22s median %,.0f commands/s%n", name, median));
    System.out.println("ratio " + report.at("/ratios").elements().next().asDouble() + "; wrote " + file.toAbsolutePath());
  }

  /** @return the report as the table in docs/benchmarks.md */
  static String table(com.fasterxml.jackson.databind.JsonNode r) {
    StringBuilder table = new StringBuilder("Measured " + DocTables.machine(r) + "; " + r.get("rounds").asInt() + " rounds of "
        + String.format("%,d", r.get("commandsPerRound").asLong()) + " commands per variant after " + r.get("warmUpRounds").asInt()
        + " discarded, interleaved.\n\n| variant | store | median commands/s | every round |\n|---|---|---|---|\n");
    r.get("variants").fields().forEachRemaining(v -> table.append("| `").append(v.getKey()).append("` | ")
        .append(v.getValue().get("store").asText()).append(" | ")
        .append(String.format("%,d", v.getValue().get("medianCommandsPerSecond").asLong())).append(" | ")
        .append(v.getValue().get("commandsPerSecond").toString().replace(",", ", ").replaceAll("[\\[\\]]", "")).append(" |\n"));
    r.get("ratios").fields().forEachRemaining(ratio -> table.append("\nRatio ").append(ratio.getKey()).append(": **")
        .append(ratio.getValue().asDouble()).append("×**.\n"));
    return table.toString();
  }

  /** @return commands per second for one round of {@code commands} commands on a fresh set-up */
  private static double round(Variant variant, int commands, String prefix) {
    variant.setUp();
    long start = System.nanoTime();
    int sent = 0;
    for (int cart = 0; sent < commands; cart++) {
      String cartId = prefix + cart;
      variant.open(cartId);
      sent++;
      for (int item = 0; item < ADDS_PER_CART && sent < commands; item++, sent++) {
        variant.add(cartId, SKUS[item]);
      }
    }
    return sent / ((System.nanoTime() - start) / 1e9);
  }

  private static final Map<String, String> STORES = Map.of(
      "sourced-command-bus", "InMemoryEventStore (by stream), events as JSON",
      "axon-indexed", "IndexedInMemoryEventStorageEngine (by aggregate), event objects");

  private static final String[] SKUS = {"apple", "pear", "plum", "kiwi", "fig", "lime", "date", "peach", "melon"};

  /** Sourced's command bus with the sample's generated code, on an in-memory store. */
  static final class Sourced implements Variant {
    private CommandBus<ShoppingCart> bus;

    @Override
    public String name() {
      return "sourced-command-bus";
    }

    @Override
    public void setUp() {
      bus = CommandBus.builder(SourcedApp.INSTANCE, ShoppingCart.class)
          .codecs(SourcedAppJson.INSTANCE)
          .eventStore(new InMemoryEventStore())
          .cachedStreams(0) // each command loads its cart, as Axon's repository does: framework against framework
          .build();
    }

    @Override
    public void open(String cartId) {
      bus.handle(new OpenCart(cartId, "bench"), CommandOptions.NONE);
    }

    @Override
    public void add(String cartId, String sku) {
      bus.handle(new AddItem(cartId, sku, 1), CommandOptions.NONE);
    }
  }

  /** The baseline: the same cart on Axon Framework 4 with an indexed in-memory storage engine. */
  static final class Axon implements Variant {
    private Configuration configuration;
    private CommandGateway gateway;

    @Override
    public String name() {
      return "axon-indexed";
    }

    @Override
    public void setUp() {
      if (configuration != null) {
        configuration.shutdown();
      }
      configuration = DefaultConfigurer.defaultConfiguration()
          .configureEmbeddedEventStore(c -> new IndexedInMemoryEventStorageEngine())
          .configureSerializer(c -> JacksonSerializer.defaultSerializer())
          .configureAggregate(AxonCart.class)
          .buildConfiguration();
      configuration.start();
      gateway = configuration.commandGateway();
    }

    @Override
    public void open(String cartId) {
      gateway.sendAndWait(new AxonCart.OpenCartCommand(cartId, "bench"));
    }

    @Override
    public void add(String cartId, String sku) {
      gateway.sendAndWait(new AxonCart.AddItemCommand(cartId, sku, 1));
    }
  }
}
