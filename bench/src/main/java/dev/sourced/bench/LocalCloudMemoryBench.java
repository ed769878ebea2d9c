package dev.sourced.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sourced.deployment.QueueSpec;
import dev.sourced.local.cloud.LocalCloud;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the local cloud keeps in memory as commands go by: the sample on the local cloud (in memory, hop log
 * discarded) takes {@code add-item} commands over HTTP from 8 clients, each on its own carts of 40 items, and at
 * each checkpoint (commands sent so far) waits until both projections have caught up, collects the garbage and
 * records the heap in use after it, the committed heap and the process's resident memory. Run it in a JVM with
 * the heap the local cloud is documented to run with ({@code -Xmx} in the bench profile); it reports that maximum.
 *
 * <p>Arguments: {@code out} (default {@code target/bench}), then the checkpoints (default 10000 100000).
 * Writes {@code <out>/local-cloud-memory.json}.
 */
public final class LocalCloudMemoryBench {
  private static final int CLIENTS = 8;
  private static final int ITEMS_PER_CART = 40;

  private LocalCloudMemoryBench() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
    int[] checkpoints = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
        : new int[] {10_000, 100_000};
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode report = json.createObjectNode();
    report.put("benchmark", "local cloud memory: heap after a full GC after N commands (8 clients over HTTP)");
    Samples.machine(report);
    report.put("jvmArguments", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-X")).toList()));
    ArrayNode points = report.putArray("checkpoints");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    // -Dbench.memory.onDisk=true: DynamoDB Local keeps its data in files, not in this heap, so the heap measured is the
    // local cloud's own rather than also the stored events and views
    boolean onDisk = Boolean.getBoolean("bench.memory.onDisk");
    Path data = onDisk ? Files.createTempDirectory("sourced-memory-bench") : null;
    report.put("storage", onDisk ? "DynamoDB Local on disk" : "DynamoDB Local in memory (its data in this heap)");
    LocalCloud.Builder builder = LocalCloud.builder().app("shopping-cart").log(line -> { });
    if (onDisk) {
      builder.dataDirectory(data);
    }
    try (LocalCloud cloud = builder.start()) {
      points.add(measure(json, cloud, http, 0, List.of()));
      AtomicInteger sent = new AtomicInteger();
      AtomicInteger carts = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      try {
        for (int checkpoint : checkpoints) {
          List<Future<String>> clients = new ArrayList<>();
          for (int c = 0; c < CLIENTS; c++) {
            clients.add(pool.submit(() -> {
              String cart = null;
              int items = ITEMS_PER_CART;
              while (sent.getAndIncrement() < checkpoint) {
                if (items == ITEMS_PER_CART) {
                  cart = "memory-" + carts.incrementAndGet();
                  post(http, cloud, cart, "open-cart", "{\"cartId\":\"" + cart + "\",\"customerId\":\"c" + (carts.get() % 100) + "\"}");
                  items = 0;
                } else {
                  post(http, cloud, cart, "add-item", "{\"cartId\":\"" + cart + "\",\"sku\":\"s" + items + "\",\"quantity\":1}");
                  items++;
                }
              }
              sent.decrementAndGet();
              return cart;
            }));
          }
          List<String> lastCarts = new ArrayList<>();
          for (Future<String> client : clients) {
            lastCarts.add(client.get());
          }
          points.add(measure(json, cloud, http, checkpoint, lastCarts));
          System.out.println("after " + checkpoint + " commands: " + points.get(points.size() - 1));
        }
      } finally {
        pool.shutdownNow();
      }
    }
    if (points.size() >= 3) {
      report.put("ratioLastToFirstCheckpointHeapAfterGc",
          Samples.round(points.get(points.size() - 1).get("heapAfterGcMb").asDouble() / points.get(1).get("heapAfterGcMb").asDouble()));
    }
    Files.createDirectories(out);
    Path file = out.resolve("local-cloud-memory.json");
    json.writeValue(file.toFile(), report);
    DocTables.write(out, "local-cloud-memory", table(report));
    System.out.println(json.writeValueAsString(report));
    System.out.println("wrote " + file.toAbsolutePath());
  }

  /** @return the report as the table in docs/benchmarks.md */
  static String table(com.fasterxml.jackson.databind.JsonNode r) {
    StringBuilder table = new StringBuilder("Measured " + DocTables.machine(r) + " (`" + r.get("jvmArguments").asText() + "`); "
        + r.path("storage").asText("DynamoDB Local in memory (its data in this heap)") + ".\n\n"
        + "| commands | heap in use after a full GC | heap committed | resident (RSS) | messages queued when the commands stopped | "
        + "seconds until the queues were empty |\n|---|---|---|---|---|---|\n");
    for (var point : r.get("checkpoints")) {
      table.append("| ").append(String.format("%,d", point.get("commands").asLong())).append(" | ")
          .append(point.get("heapAfterGcMb").asDouble()).append(" MB | ").append(point.get("heapCommittedMb").asDouble()).append(" MB | ")
          .append(point.get("residentMb").asDouble()).append(" MB | ")
          .append(String.format("%,d", point.path("queuedMessagesWhenCommandsStopped").asLong())).append(" | ")
          .append(point.path("secondsUntilQueuesDrained").asDouble()).append(" |\n");
    }
    if (r.has("ratioLastToFirstCheckpointHeapAfterGc")) {
      table.append("\nHeap after GC, last checkpoint ÷ first: **").append(r.get("ratioLastToFirstCheckpointHeapAfterGc").asDouble())
          .append("×**.\n");
    }
    return table.toString();
  }

  /** @param backlogAtStart messages queued when the wait began; @param seconds how long the queues took to empty */
  record Drained(int backlogAtStart, double seconds) {}

  /** Waits (up to 10 minutes) until every queue a function consumes is empty three polls in a row, 200 ms apart. */
  static Drained drain(LocalCloud cloud) throws InterruptedException {
    List<String> consumed = cloud.deployment().queues().stream()
        .filter(queue -> queue.role() == QueueSpec.Role.PROJECTION || queue.role() == QueueSpec.Role.PROCESS_MANAGER)
        .map(queue -> cloud.queueUrl(queue.name())).toList();
    long drainStart = System.nanoTime();
    int backlogAtStart = -1;
    for (int emptyPolls = 0; emptyPolls < 3 && System.nanoTime() - drainStart < 600e9; ) {
      int backlog = consumed.stream().mapToInt(url -> cloud.sqs().depth(url)).sum();
      backlogAtStart = backlogAtStart < 0 ? backlog : backlogAtStart;
      emptyPolls = backlog == 0 ? emptyPolls + 1 : 0;
      Thread.sleep(200);
    }
    return new Drained(backlogAtStart, Samples.round((System.nanoTime() - drainStart) / 1e9));
  }

  /**
   * Waits until the queues the functions consume are empty and the projections have the clients' last carts, then
   * collects the garbage and measures.
   */
  private static ObjectNode measure(ObjectMapper json, LocalCloud cloud, HttpClient http, int commands, List<String> lastCarts)
      throws Exception {
    // the pipeline may lag the commands: wait until every queue a function consumes is empty, so the heap measured holds
    // no backlog of messages (ElasticMQ keeps them in this heap)
    Drained drained = drain(cloud);
    int backlogAtStart = drained.backlogAtStart();
    double drainSeconds = drained.seconds();
    long start = System.nanoTime();
    for (String cart : lastCarts) {
      if (cart != null) {
        HttpRequest query = HttpRequest.newBuilder(cloud.baseUri().resolve("/cart-summary/" + cart)).GET().build();
        while (http.send(query, HttpResponse.BodyHandlers.ofString()).statusCode() != 200 && System.nanoTime() - start < 30e9) {
          Thread.sleep(50);
        }
      }
    }
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    ObjectNode point = json.createObjectNode();
    point.put("commands", commands);
    point.put("heapAfterGcMb", Samples.round(heap.getUsed() / 1048576.0));
    point.put("heapCommittedMb", Samples.round(heap.getCommitted() / 1048576.0));
    point.put("residentMb", residentMb());
    point.put("queuedMessagesWhenCommandsStopped", backlogAtStart);
    point.put("secondsUntilQueuesDrained", Samples.round(drainSeconds));
    if (Boolean.getBoolean("bench.memory.histogram")) {
      // -Dbench.memory.histogram=true: the live objects by class at each checkpoint (jcmd GC.class_histogram), to
      // see what the heap holds more of after more commands
      Path histogram = Path.of(System.getProperty("bench.memory.histogramDir", "target/bench"))
          .resolve("local-cloud-memory-histogram-" + commands + ".txt");
      Files.createDirectories(histogram.getParent());
      Files.writeString(histogram, (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()}));
      point.put("histogram", histogram.getFileName().toString());
    }
    return point;
  }

  /** @return the process's resident set size from /proc, or -1 where there is none */
  private static double residentMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Samples.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return -1;
  }

  private static void post(HttpClient http, LocalCloud cloud, String cart, String command, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(cloud.baseUri().resolve("/shopping-cart/" + cart + "/" + command))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(command + " " + cart + " → " + response.statusCode() + " " + response.body());
    }
  }
}
