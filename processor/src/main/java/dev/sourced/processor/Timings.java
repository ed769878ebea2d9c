package dev.sourced.processor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Wall-clock time per step of the processor, for {@code -Asourced.timings}: one NOTE line, steps in the
 * order they first ran, then the total of all of them, e.g. {@code Sourced timings (ms): reading 120,
 * validation 3, ..., total 410}.
 */
final class Timings {
  private final Map<String, Long> nanos = new LinkedHashMap<>();

  <T> T time(String step, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      nanos.merge(step, System.nanoTime() - start, Long::sum);
    }
  }

  void time(String step, Runnable work) {
    time(step, () -> {
      work.run();
      return null;
    });
  }

  /** @return the NOTE's text */
  String note() {
    long total = nanos.values().stream().mapToLong(Long::longValue).sum();
    return "Sourced timings (ms): "
        + nanos.entrySet().stream().map(e -> e.getKey() + " " + millis(e.getValue())).collect(Collectors.joining(", "))
        + (nanos.isEmpty() ? "" : ", ") + "total " + millis(total);
  }

  private static long millis(long nanos) {
    return Math.round(nanos / 1e6);
  }
}
