package dev.sourced.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Latency samples and their percentiles, and the machine a benchmark ran on, for the JSON reports. */
final class Samples {
  private long[] nanos;
  private int size;

  Samples(int expected) {
    this.nanos = new long[Math.max(16, expected)];
  }

  /** Records one latency. */
  synchronized void add(long elapsedNanos) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = elapsedNanos;
  }

  synchronized int size() {
    return size;
  }

  /** @return the {@code p}-th percentile (nearest rank) in milliseconds, e.g. {@code percentile(50)} is the median */
  synchronized double percentileMs(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return round(sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6);
  }

  /** @return {@code {"n", "p50Ms", "p90Ms", "p99Ms", "maxMs"}} */
  ObjectNode summary(ObjectMapper json) {
    ObjectNode node = json.createObjectNode();
    node.put("n", size());
    node.put("p50Ms", percentileMs(50));
    node.put("p90Ms", percentileMs(90));
    node.put("p99Ms", percentileMs(99));
    node.put("maxMs", percentileMs(100));
    return node;
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /** Puts when and on what a report was measured: time, JVM, cores, maximum heap, operating system. */
  static void machine(ObjectNode report) {
    report.put("at", Instant.now().toString());
    report.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    report.put("gc", String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()));
    report.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
  }
}
