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

  /**
   * Writes {@code 12:00:01.234 publish  shopping-cart#c1 v2 ItemAdded → shopping-cart-bus}. A word longer than
   * {@value #MAX_WORD} characters (an id or a path a request made long) shows its start and its length: a line is read
   * by a person, and may be written for every hop of every event.
   */
  public void hop(String hop, String text) {
    sink.accept(LocalTime.now().format(TIME) + " " + String.format("%-8s", hop) + " " + abbreviated(text));
  }

  /** The longest word a hop line shows whole. */
  static final int MAX_WORD = 120;

  static String abbreviated(String text) {
    if (text.length() <= MAX_WORD) {
      return text;
    }
    StringBuilder line = new StringBuilder(Math.min(text.length(), 4 * MAX_WORD));
    int start = 0;
    while (start < text.length()) {
      int space = text.indexOf(' ', start);
      int end = space < 0 ? text.length() : space;
      if (end - start <= MAX_WORD) {
        line.append(text, start, end);
      } else {
        int cut = start + MAX_WORD - 20;
        cut = Character.isHighSurrogate(text.charAt(cut - 1)) ? cut - 1 : cut; // never half a surrogate pair
        line.append(text, start, cut).append("…(").append(end - start).append(" characters)");
      }
      if (space >= 0) {
        line.append(' ');
      }
      start = space < 0 ? text.length() : space + 1;
    }
    return line.toString();
  }
}
