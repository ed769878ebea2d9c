package dev.sourced.runtime.log;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sourced.runtime.json.JsonCodecs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One JSON log line, as CloudWatch Logs Insights reads it:
 *
 * <pre>{@code
 * {"timestamp":"2026-11-30T10:00:00.123Z","level":"ERROR","message":"projection batch failed","service":"shopping-cart",
 *  "projection":"cart-summary","streamId":"shopping-cart#c1","version":3,"eventId":"…","correlationId":"…",
 *  "error":{"name":"java.lang.IllegalStateException","message":"…","stack":"java.lang.IllegalStateException: …\n\tat …"}}
 * }</pre>
 *
 * Built with Jackson's generator, so client-supplied values (paths, correlation ids, keys) are escaped,
 * and a line never spans two lines. Fields keep the order they were put in; null values are left out.
 */
public final class LogLine {
  /** The levels a line can have; a {@link LogSink} writes those at or above its threshold. */
  public enum Level {
    INFO, WARN, ERROR
  }

  private Level level;
  private final String message;
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private Throwable error;
  private boolean withStack;

  private LogLine(Level level, String message) {
    this.level = Objects.requireNonNull(level, "level");
    this.message = Objects.requireNonNull(message, "message");
  }

  /** @return a line at INFO */
  public static LogLine info(String message) {
    return new LogLine(Level.INFO, message);
  }

  /** @return a line at WARN */
  public static LogLine warn(String message) {
    return new LogLine(Level.WARN, message);
  }

  /** @return a line at ERROR */
  public static LogLine error(String message) {
    return new LogLine(Level.ERROR, message);
  }

  /** @return the line's level */
  public Level level() {
    return level;
  }

  /** Raises (never lowers) the line's level, e.g. when a request ends in a server error. */
  public LogLine atLeast(Level level) {
    if (level.compareTo(this.level) > 0) {
      this.level = level;
    }
    return this;
  }

  /** Adds a field; a null value is left out. */
  public LogLine put(String name, Object value) {
    if (value != null) {
      fields.put(name, value);
    }
    return this;
  }

  /**
   * Attaches an expected failure: its class and message, no stack trace (a refused entry, a rejected
   * request).
   */
  public LogLine cause(Throwable failure) {
    this.error = failure;
    this.withStack = false;
    return this;
  }

  /** Attaches an unexpected failure with its stack trace, and raises the line to ERROR. */
  public LogLine unexpected(Throwable failure) {
    this.error = failure;
    this.withStack = true;
    return atLeast(Level.ERROR);
  }

  /** Writes the line to a sink, unless the sink is a {@link LogSink} that leaves out lines of this level. */
  public void writeTo(Consumer<String> sink) {
    if (sink == null || sink instanceof LogSink filtered && !filtered.writes(level)) {
      return;
    }
    sink.accept(toJson());
  }

  /** @return the line as one line of JSON */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonCodecs.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("timestamp", Instant.now().toString());
      g.writeStringField("level", level.name());
      g.writeStringField("message", message);
      for (Map.Entry<String, Object> field : fields.entrySet()) {
        Object value = field.getValue();
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
          g.writeNumberField(field.getKey(), ((Number) value).longValue());
        } else if (value instanceof Number number) {
          g.writeNumberField(field.getKey(), number.doubleValue());
        } else if (value instanceof Boolean bool) {
          g.writeBooleanField(field.getKey(), bool);
        } else {
          g.writeStringField(field.getKey(), value.toString());
        }
      }
      if (error != null) {
        g.writeObjectFieldStart("error");
        g.writeStringField("name", error.getClass().getName());
        if (error.getMessage() != null) {
          g.writeStringField("message", error.getMessage());
        }
        if (withStack) {
          StringWriter stack = new StringWriter();
          error.printStackTrace(new PrintWriter(stack));
          g.writeStringField("stack", stack.toString());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
