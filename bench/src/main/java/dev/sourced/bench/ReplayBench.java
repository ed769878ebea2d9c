package dev.sourced.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sourced.local.cloud.LocalCloud;
import dev.sourced.local.testkit.AppVariants;
import dev.sourced.runtime.projection.ProjectionStatus;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.AppendRequest;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.samples.cart.SourcedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Replay speed on the local cloud: the sample's event store holds {@code events} events ({@code streams} carts, each
 * opened and then given items), applied first through the <b>live path</b> (stream → publisher → bus → rule → queue →
 * projection function: from the first append until cart-summary v1 has applied the last event), then rebuilt into
 * cart-summary v2 by its <b>replay</b> (the stack's state machine definition run by aws-local-stepfunctions: scan →
 * replay queue → the same projection function: from the execution's start until the version is READY). Events per
 * second of each, and their ratio. The replay runs {@code -Dbench.replay.runs} times (3), each into a new version on a new
 * local cloud in this JVM; the ratio takes the median. The first replay runs code that is new to the JVM (the JIT
 * compiler works alongside it), as after a local cloud's start; later ones run it compiled, as in a cloud that has
 * been running. The hop log is discarded.
 *
 * <p>Writes {@code <out>/replay.json}. Arguments: {@code out} (default {@code target/bench}), {@code scale}
 * ({@code full}: 100,000 events in 5,000 streams, the default; {@code medium}: 20,000 in 1,000, for a machine where the
 * live path's 100,000 take too long; {@code small}: 5,000 in 250, for profiling; {@code tiny}: 200 in 10).
 */
public final class ReplayBench {
  record Scale(String name, int streams, int eventsPerStream) {
    static Scale of(String name) {
      return switch (name) {
        case "full" -> new Scale(name, 5_000, 20);
        case "medium" -> new Scale(name, 1_000, 20);
        case "small" -> new Scale(name, 250, 20);
        case "tiny" -> new Scale(name, 10, 20);
        default -> throw new IllegalArgumentException("scale is full, medium, small or tiny; found " + name);
      };
    }

    int events() {
      return streams * eventsPerStream;
    }
  }

  /** {@code -Dbench.replay.live=false}: the replay alone, for profiling it (no ratio, no table). */
  private static final boolean LIVE = !"false".equals(System.getProperty("bench.replay.live"));
  /** {@code -Dbench.replay.log=true}: the replaying cloud's log on standard error, with times (for profiling). */
  private static final boolean REPLAY_LOG = Boolean.getBoolean("bench.replay.log");
  /** {@code -Dbench.replay.jfr=<file>}: a JFR recording (profile settings) of the replay phase alone, for profiling it. */
  private static final String REPLAY_JFR = System.getProperty("bench.replay.jfr");
  /** {@code -Dbench.replay.runs=N}: replays, one after another in this JVM, each into a new version (3). */
  private static final int RUNS = Integer.getInteger("bench.replay.runs", 3);
  /** {@code -Dbench.replay.threads=true}: the CPU time of the replay phase per thread group, on standard error. */
  private static final boolean REPLAY_THREADS = Boolean.getBoolean("bench.replay.threads");

  public static void main(String[] args) throws Exception {
    if (RUNS < 1) {
      throw new IllegalArgumentException("bench.replay.runs must be at least 1; found " + RUNS);
    }
    Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
    Scale scale = Scale.of(args.length > 1 ? args[1] : "full");
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode report = json.createObjectNode();
    report.put("at", Instant.now().toString());
    report.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    report.put("scale", scale.name());
    report.put("events", scale.events());
    report.put("streams", scale.streams());
    Path data = Files.createTempDirectory("sourced-replay-bench");
    Duration timeout = Duration.ofMinutes(30);

    try (LocalCloud v1 = LocalCloud.builder().app("shopping-cart").dataDirectory(data).log(ReplayBench::failuresOnly).start()) {
      v1.awaitReplays(timeout);
      long start = System.nanoTime();
      append(v1, scale);
      double appendSeconds = seconds(start);
      if (!LIVE) {
        report.putObject("live").put("appendSeconds", appendSeconds).put("skipped", true);
      } else {
      awaitApplied(v1, v1.deployment().pipeline("cart-summary").table().name(), scale, timeout);
      double liveSeconds = seconds(start);
      ObjectNode live = report.putObject("live");
      live.put("appendSeconds", appendSeconds);
      live.put("seconds", liveSeconds);
      live.put("eventsPerSecond", scale.events() / liveSeconds);
      }
    }

    ArrayNode replays = report.putArray("replays");
    for (int run = 1; run <= RUNS; run++) {
      replays.add(replay(data, 1 + run, scale, timeout, json));
    }
    List<Double> rates = new ArrayList<>();
    replays.forEach(r -> rates.add(r.get("eventsPerSecond").asDouble()));
    rates.sort(null);
    ObjectNode replay = report.putObject("replay");
    replay.put("runs", RUNS);
    replay.put("eventsPerSecond", rates.size() % 2 == 1 ? rates.get(rates.size() / 2)
        : (rates.get(rates.size() / 2 - 1) + rates.get(rates.size() / 2)) / 2);
    replay.put("firstEventsPerSecond", replays.get(0).get("eventsPerSecond").asDouble());
    if (LIVE) {
      report.put("replayToLive", report.get("replay").get("eventsPerSecond").asDouble() / report.get("live").get("eventsPerSecond").asDouble());
    }
    Files.createDirectories(out);
    json.writeValue(out.resolve("replay.json").toFile(), report);
    if (LIVE) {
      DocTables.write(out, "replay", table(report));
    }
    System.out.println(json.writeValueAsString(report));
  }

  /**
   * Prints what went wrong, and nothing else, so that a slow run explains itself: the hop log's failed hops and the
   * functions' WARN and ERROR lines (a failed batch waits out its messages' visibility timeout before it is retried).
   */
  private static void failuresOnly(String line) {
    if (line.contains("✗") || line.contains("\"level\":\"WARN\"") || line.contains("\"level\":\"ERROR\"")) {
      System.err.println(Instant.now() + " " + line);
    }
  }

  /**
   * Replays the store into cart-summary at {@code version} on a new local cloud (in this JVM, so the first replay runs
   * code the JIT compiler has not seen yet, and later ones run it compiled).
   */
  private static ObjectNode replay(Path data, int version, Scale scale, Duration timeout, ObjectMapper json) throws Exception {
    java.util.Map<String, Long> cpuBefore = REPLAY_THREADS ? threadCpu() : null;
    jdk.jfr.Recording recording = null;
    if (REPLAY_JFR != null) {
      recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
      String base = REPLAY_JFR.endsWith(".jfr") ? REPLAY_JFR.substring(0, REPLAY_JFR.length() - 4) : REPLAY_JFR;
      recording.setDestination(Path.of(base + "-" + version + ".jfr"));
      recording.start();
    }
    try (LocalCloud cloud = LocalCloud.builder().application(AppVariants.withProjectionVersion(SourcedApp.INSTANCE, "cart-summary", version))
        .dataDirectory(data).log(REPLAY_LOG ? line -> System.err.println(Instant.now() + " " + line) : ReplayBench::failuresOnly)
        .functionLog(REPLAY_LOG ? "info" : "warn").start()) {
      var failures = cloud.awaitReplays(timeout);
      if (cpuBefore != null) {
        java.util.Map<String, Long> after = threadCpu();
        java.util.Map<String, Long> groups = new java.util.TreeMap<>();
        after.forEach((thread, nanos) -> groups.merge(thread.substring(thread.indexOf(' ') + 1).replaceAll("[0-9]+", "N"),
            nanos - cpuBefore.getOrDefault(thread, 0L), Long::sum));
        System.err.println("replay into version " + version + ":");
        groups.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(20)
            .forEach(e -> System.err.printf("cpu %8.0f ms  %s%n", e.getValue() / 1e6, e.getKey()));
      }
      if (!failures.isEmpty()) {
        throw new IllegalStateException("replay failed: " + failures);
      }
      ProjectionStatus status = new ProjectionTable(cloud.dynamoDb(), cloud.deployment().pipeline("cart-summary").table().name()).status();
      double seconds = Duration.between(status.replay().startedAt(), status.replay().finishedAt()).toMillis() / 1000.0;
      ObjectNode replay = json.createObjectNode();
      replay.put("version", version);
      replay.put("sent", status.replay().sent());
      replay.put("applied", status.eventsApplied() - status.replay().appliedAtStart());
      replay.put("seconds", seconds);
      replay.put("eventsPerSecond", scale.events() / seconds);
      if (status.eventsApplied() != scale.events()) {
        // live delivery may have applied a few (with -Dbench.replay.live=false), but the version must hold every event
        throw new IllegalStateException("version " + version + " applied " + status.eventsApplied() + " of " + scale.events() + " events");
      }
      return replay;
    } finally {
      if (recording != null) {
        recording.stop();
        recording.close();
      }
    }
  }

  /**
   * @return per live thread ({@code "<id> <name>"}), its CPU time so far: every thread of the process on Linux (the
   *     garbage collector's and the JIT compiler's too, by their short names), else the Java threads
   */
  private static java.util.Map<String, Long> threadCpu() {
    Path tasks = Path.of("/proc/self/task");
    if (Files.isDirectory(tasks)) {
      java.util.Map<String, Long> cpu = new java.util.HashMap<>();
      try (var stream = Files.list(tasks)) {
        for (Path task : stream.toList()) {
          try {
            String stat = Files.readString(task.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            cpu.put(task.getFileName() + " " + name, ticks * 10_000_000L); // 100 ticks a second
          } catch (java.io.IOException | RuntimeException gone) {
            // the thread ended meanwhile
          }
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return cpu;
    }
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    java.util.Map<String, Long> cpu = new java.util.HashMap<>();
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos > 0) {
          cpu.put(info.getThreadId() + " " + info.getThreadName(), nanos);
        }
      }
    }
    return cpu;
  }

  static String table(JsonNode r) {
    JsonNode live = r.get("live");
    StringBuilder table = new StringBuilder("Measured " + DocTables.machine(r) + "; scale " + r.get("scale").asText() + ": "
        + r.get("events").asInt() + " events in " + r.get("streams").asInt() + " streams.\n\n"
        + "| path | seconds | events/s |\n|---|---|---|\n"
        + String.format("| live (append → publisher → bus → queue → projection; appending took %.1f s of it) | %.1f | %.0f |%n",
            live.get("appendSeconds").asDouble(), live.get("seconds").asDouble(), live.get("eventsPerSecond").asDouble()));
    for (JsonNode replay : r.get("replays")) {
      int run = replay.get("version").asInt() - 1;
      table.append(String.format("| replay %d into a new version (scan → replay queue → projection)%s | %.1f | %.0f |%n", run,
          run == 1 ? ", its code new to the JVM" : "", replay.get("seconds").asDouble(), replay.get("eventsPerSecond").asDouble()));
    }
    return table.append(String.format("%nReplay (median of %d) / live: **%.2f×**; the median replay %.0f events/s, the first %.0f."
        + " Target: ≥ 5,000 events/s replayed.%n", r.get("replay").get("runs").asInt(), r.get("replayToLive").asDouble(),
        r.get("replay").get("eventsPerSecond").asDouble(), r.get("replay").get("firstEventsPerSecond").asDouble())).toString();
  }

  private static void append(LocalCloud cloud, Scale scale) {
    DynamoDbEventStore store = DynamoDbEventStore.builder().dynamoDbClient(cloud.dynamoDb())
        .tableName(cloud.deployment().eventTable().name()).build();
    for (int s = 0; s < scale.streams(); s++) {
      String cart = "b" + s;
      String streamId = "shopping-cart#" + cart;
      List<StoredEvent> events = new ArrayList<>();
      events.add(event(streamId, 1, "CartOpened", "{\"cartId\":\"" + cart + "\",\"customerId\":\"c" + (s % 100) + "\"}"));
      for (int v = 2; v <= scale.eventsPerStream(); v++) {
        events.add(event(streamId, v, "ItemAdded", "{\"cartId\":\"" + cart + "\",\"sku\":\"sku-" + (v % 9) + "\",\"quantity\":1}"));
      }
      store.append(new AppendRequest(streamId, 0, events, null));
    }
  }

  private static StoredEvent event(String streamId, long version, String type, String data) {
    return new StoredEvent(streamId, version, type, type.equals("ItemAdded") ? 2 : 1, data, UUID.randomUUID().toString(), Instant.now(),
        "bench", "bench", "bench", "bench");
  }

  private static void awaitApplied(LocalCloud cloud, String table, Scale scale, Duration timeout) throws InterruptedException {
    ProjectionTable projection = new ProjectionTable(cloud.dynamoDb(), table);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int s = scale.streams() - 1; s >= 0; s--) {
      while (projection.checkpoint("shopping-cart#b" + s) < scale.eventsPerStream()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the live path did not apply stream b" + s + " within " + timeout);
        }
        Thread.sleep(20);
      }
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
