package dev.sourced.runtime.log;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where a function's log lines go, and from which level on: {@code SOURCED_LOG} is {@code info} (or
 * {@code json}, the default: every line), {@code warn} (failures only: what was isolated, retried or
 * refused for a server-side reason, and errors), {@code error} or {@code off}. A line below the threshold
 * is not even built.
 */
public final class LogSink implements Consumer<String> {
  private final LogLine.Level threshold;
  private final Consumer<String> target;

  private LogSink(LogLine.Level threshold, Consumer<String> target) {
    this.threshold = threshold;
    this.target = Objects.requireNonNull(target, "target");
  }

  /**
   * @param setting the value of {@code SOURCED_LOG}, or null for the default
   * @param target where the lines go (Lambda: standard out)
   * @return a sink writing the lines the setting asks for
   * @throws IllegalArgumentException for any other value, naming the ones allowed
   */
  public static LogSink of(String setting, Consumer<String> target) {
    String value = setting == null || setting.isBlank() ? "json" : setting.trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "json", "info" -> new LogSink(LogLine.Level.INFO, target);
      case "warn" -> new LogSink(LogLine.Level.WARN, target);
      case "error" -> new LogSink(LogLine.Level.ERROR, target);
      case "off" -> new LogSink(null, target);
      default -> throw new IllegalArgumentException("SOURCED_LOG must be json, info, warn, error or off; found '" + setting + "'");
    };
  }

  /** @return whether lines of that level are written */
  public boolean writes(LogLine.Level level) {
    return threshold != null && level.compareTo(threshold) >= 0;
  }

  /** @return a sink with the same threshold writing elsewhere */
  public LogSink to(Consumer<String> other) {
    return new LogSink(threshold, other);
  }

  /** Writes a line that was built without a level check (it is written as it is). */
  @Override
  public void accept(String line) {
    if (threshold != null) {
      target.accept(line);
    }
  }
}
