package dev.sourced.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sourced.local.LocalHttp;
import dev.sourced.local.cloud.LocalCloud;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sample on the local cloud, in this JVM, driven over HTTP by {@link HttpClient} (HTTP/1.1, keep-alive
 * connections, as a browser, a test or a load tool uses it):
 *
 * <ul>
 *   <li>{@code health}: {@code GET /health}, one request at a time;
 *   <li>{@code command}: {@code POST add-item} over HTTP, alternating with the same command sent through the
 *       local cloud's routing in process ({@link LocalCloud#request}: the same API Gateway event and function,
 *       no socket), each on its own cart; the ratio of the medians is what HTTP adds;
 *   <li>{@code commandToView}: {@code POST add-item}, then {@code GET /cart-summary/{cart}?minVersion=…}, which
 *       answers once the projection applied the command's event: from sending the command to that answer,
 *       one cart at a time, each after the previous one's view;
 *   <li>{@code throughput}: {@code clients} threads, each on its own carts, sending {@code add-item} commands
 *       as fast as answers come back: commands per second, and the latency under that load.
 * </ul>
 *
 * Warm-up requests of each kind come first and are not counted. The hop log is discarded (counted only).
 * Writes {@code <out>/local-cloud.json}.
 *
 * <p>Arguments: {@code out} (default {@code target/bench}), {@code scale} ({@code full}, the default, or {@code tiny}).
 */
public final class LocalCloudBench {
  /** How many of each to do. */
  record Scale(int warmUp, int health, int commands, int views, int clients, int throughputCommands) {
    static Scale of(String name) {
      return switch (name) {
        case "full" -> new Scale(300, 2_000, 1_000, 300, 8, 16_000);
        case "tiny" -> new Scale(5, 20, 10, 5, 8, 80);
        default -> throw new IllegalArgumentException("scale is full or tiny; found " + name);
      };
    }
  }

  private final LocalCloud cloud;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
      .build();
  private final AtomicLong cartIds = new AtomicLong();
  private final AtomicLong logLines;
  private final AtomicLong viewTimeouts = new AtomicLong();

  private LocalCloudBench(LocalCloud cloud, AtomicLong logLines) {
    this.cloud = cloud;
    this.logLines = logLines;
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
    String scaleName = args.length > 1 ? args[1] : "full";
    Scale scale = Scale.of(scaleName);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    AtomicLong logLines = new AtomicLong();
    ObjectNode report = json.createObjectNode();
    report.put("benchmark", "the sample on the local cloud over HTTP (java.net.http, HTTP/1.1 keep-alive)");
    Samples.machine(report);
    report.put("scale", scaleName);
    try (LocalCloud cloud = LocalCloud.builder().app("shopping-cart").log(line -> logLines.incrementAndGet()).start()) {
      LocalCloudBench bench = new LocalCloudBench(cloud, logLines);
      bench.run(scale, report, json);
    }
    Files.createDirectories(out);
    Path file = out.resolve("local-cloud.json");
    json.writeValue(file.toFile(), report);
    DocTables.write(out, "local-cloud", table(report));
    System.out.println(json.writeValueAsString(report));
    System.out.println("wrote " + file.toAbsolutePath());
  }

  /** @return the report as the table in docs/benchmarks.md */
  static String table(JsonNode r) {
    JsonNode command = r.get("command");
    JsonNode throughput = r.get("throughput");
    return "Measured " + DocTables.machine(r) + "; scale " + r.get("scale").asText() + ".\n\n"
        + "| measure | n | p50 ms | p99 ms |\n|---|---|---|---|\n"
        + row("`GET /health`", r.get("health"))
        + row("command `add-item` over HTTP", command.get("http"))
        + row("the same command in process (`LocalCloud.request`, no socket): the baseline", command.get("inProcess"))
        + "| ratio HTTP ÷ in process (p50) | | " + command.get("ratioHttpToInProcessP50").asDouble() + "× | |\n"
        + row("command → view: `add-item`, then `cart-summary` with `minVersion` answers", r.get("commandToView"))
        + row("command under load (" + throughput.get("clients").asInt() + " clients)", throughput.get("latency"))
        + "\nThroughput: " + String.format("%,d", throughput.get("commandsPerSecond").asLong()) + " commands/s with "
        + throughput.get("clients").asInt() + " clients on distinct carts (" + String.format("%,d", throughput.get("commands").asLong())
        + " commands in " + throughput.get("seconds").asDouble() + " s); queries that waited their 2 s in vain: "
        + r.at("/commandToView/queriesTimedOut").asLong() + ".\n"
        + (r.has("drainedBefore") ? "Each measure started once the projections' queues were empty (before command → view "
            + String.format("%,d", r.at("/drainedBefore/commandToView/messagesQueued").asLong()) + " messages were queued, applied in "
            + r.at("/drainedBefore/commandToView/seconds").asDouble() + " s).\n" : "");
  }

  private static String row(String what, JsonNode samples) {
    return "| " + what + " | " + String.format("%,d", samples.get("n").asLong()) + " | " + samples.get("p50Ms").asDouble() + " | "
        + samples.get("p99Ms").asDouble() + " |\n";
  }

  private void run(Scale scale, ObjectNode report, ObjectMapper json) throws Exception {
    report.put("nodelayProperty", String.valueOf(System.getProperty(LocalHttp.NODELAY)));
    // warm-up: every path, not counted
    health(scale.warmUp());
    commands(scale.warmUp());
    commandToView(scale.warmUp());
    throughput(scale.clients(), scale.warmUp() * scale.clients());
    viewTimeouts.set(0);
    // each measure starts on an idle pipeline: the projections' backlog of the phase before (they apply fewer events a
    // second than 8 clients send commands) would otherwise share the cores and DynamoDB Local with it
    ObjectNode drained = report.putObject("drainedBefore");
    drained(drained, "health");

    Samples health = health(scale.health());
    report.set("health", health.summary(json));
    System.out.println("health " + report.get("health"));

    drained(drained, "commands");
    Samples[] commands = commands(scale.commands());
    ObjectNode command = report.putObject("command");
    command.set("http", commands[0].summary(json));
    command.set("inProcess", commands[1].summary(json));
    command.put("ratioHttpToInProcessP50", Samples.round(commands[0].percentileMs(50) / commands[1].percentileMs(50)));
    System.out.println("command " + command);

    drained(drained, "commandToView");
    Samples views = commandToView(scale.views());
    report.set("commandToView", views.summary(json));
    ((ObjectNode) report.get("commandToView")).put("queriesTimedOut", viewTimeouts.get());
    System.out.println("commandToView " + report.get("commandToView"));

    drained(drained, "throughput");
    ObjectNode throughput = throughput(scale.clients(), scale.throughputCommands());
    report.set("throughput", throughput);
    System.out.println("throughput " + throughput);
    report.put("hopLogLines", logLines.get());
  }

  /** Waits until the projections' queues are empty, and notes what was queued and how long it took. */
  private void drained(ObjectNode report, String before) throws InterruptedException {
    LocalCloudMemoryBench.Drained drained = LocalCloudMemoryBench.drain(cloud);
    report.putObject(before).put("messagesQueued", drained.backlogAtStart()).put("seconds", drained.seconds());
  }

  private Samples health(int n) throws Exception {
    Samples samples = new Samples(n);
    HttpRequest request = HttpRequest.newBuilder(cloud.baseUri().resolve("/health")).GET().build();
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      samples.add(System.nanoTime() - start);
      expect(200, response.statusCode(), response.body());
    }
    return samples;
  }

  /** @return [over HTTP, in process] */
  private Samples[] commands(int n) throws Exception {
    Samples overHttp = new Samples(n);
    Samples inProcess = new Samples(n);
    for (int i = 0; i < n; i++) {
      String viaHttp = openCart();
      String viaProcess = openCart();
      long start = System.nanoTime();
      post(viaHttp, "add-item", addItem(viaHttp, "apple"), 200);
      overHttp.add(System.nanoTime() - start);
      start = System.nanoTime();
      APIGatewayV2HTTPResponse response = cloud.request("POST", "/shopping-cart/" + viaProcess + "/add-item", addItem(viaProcess, "apple"));
      inProcess.add(System.nanoTime() - start);
      expect(200, response.getStatusCode(), response.getBody());
    }
    return new Samples[] {overHttp, inProcess};
  }

  private Samples commandToView(int n) throws Exception {
    Samples samples = new Samples(n);
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < n; i++) {
      String cart = openCart();
      awaitView(cart, 1); // the cart's opening is out of the way
      long start = System.nanoTime();
      JsonNode result = json.readTree(post(cart, "add-item", addItem(cart, "apple"), 200));
      awaitView(cart, result.get("version").asLong());
      samples.add(System.nanoTime() - start);
    }
    return samples;
  }

  /** Queries the cart's summary with {@code minVersion} until the answer says the version was reached. */
  private void awaitView(String cart, long version) throws IOException, InterruptedException {
    URI uri = cloud.baseUri().resolve("/cart-summary/" + cart + "?minVersion=" + version + "&stream=shopping-cart%23" + cart);
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> view = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (view.headers().firstValue("x-sourced-consistency").orElse("").equals("reached")) {
        expect(200, view.statusCode(), view.body());
        return;
      }
      viewTimeouts.incrementAndGet(); // the query waited its 2 s in vain: ask again
      if (attempt == 15) {
        throw new IllegalStateException("the view of " + cart + " did not reach version " + version + " in 30 s");
      }
    }
  }

  private ObjectNode throughput(int clients, int commands) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    Samples latency = new Samples(commands);
    int perClient = Math.max(1, commands / clients);
    try {
      List<String> carts = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        carts.add(openCart());
      }
      List<Future<?>> running = new ArrayList<>();
      long start = System.nanoTime();
      for (String firstCart : carts) {
        running.add(pool.submit(() -> {
          String cart = firstCart;
          for (int i = 0; i < perClient; i++) {
            if (i > 0 && i % 40 == 0) {
              cart = openCart(); // a cart of 41 events, as a shopper's; then the next shopper
            }
            long sent = System.nanoTime();
            post(cart, "add-item", addItem(cart, "sku" + (i % 10)), 200);
            latency.add(System.nanoTime() - sent);
          }
          return null;
        }));
      }
      for (Future<?> client : running) {
        client.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      ObjectNode node = new ObjectMapper().createObjectNode();
      node.put("clients", clients);
      node.put("commands", perClient * clients);
      node.put("seconds", Samples.round(seconds));
      node.put("commandsPerSecond", Math.round(perClient * clients / seconds));
      node.set("latency", latency.summary(new ObjectMapper()));
      return node;
    } finally {
      pool.shutdownNow();
    }
  }

  private String openCart() throws IOException, InterruptedException {
    String cart = "bench-" + cartIds.incrementAndGet();
    post(cart, "open-cart", "{\"cartId\":\"" + cart + "\",\"customerId\":\"customer-" + (cartIds.get() % 100) + "\"}", 201);
    return cart;
  }

  private static String addItem(String cart, String sku) {
    return "{\"cartId\":\"" + cart + "\",\"sku\":\"" + sku + "\",\"quantity\":1}";
  }

  private String post(String cart, String command, String body, int status) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(cloud.baseUri().resolve("/shopping-cart/" + cart + "/" + command))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    expect(status, response.statusCode(), response.body());
    return response.body();
  }

  private static void expect(int status, int actual, String body) {
    if (actual != status) {
      throw new IllegalStateException("expected " + status + ", got " + actual + " " + body);
    }
  }
}
