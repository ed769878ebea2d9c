package dev.sourced.local.cloud;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * One concise line per hop an event takes through the local cloud: {@code command}, {@code append},
 * {@code publish}, {@code deliver}, {@code project}, {@code query}, and the cloud's own {@code cloud} lines;
 * and, between them, the functions' own JSON lines for failures (see {@code SOURCED_LOG}).
 */
public final class HopLog {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private final Consumer<String> sink;

  /** @param sink where lines go, e.g. {@code System.out::println} */
  public HopLog(Consumer<String> sink) {
    this.sink = sink;
  }

  /** Writes a function's own JSON log line as it is, so that it stays one line of JSON (for jq, grep). */
  public void json(String line) {
    sink.accept(line);
  }

  /** Writes {@code 12:00:01.234 publish  shopping-cart#c1 v2 ItemAdded → shopping-cart-bus}. */
  public void hop(String hop, String text) {
    sink.accept(LocalTime.now().format(TIME) + " " + String.format("%-8s", hop) + " " + text);
  }
}
