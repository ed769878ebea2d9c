package dev.sourced.runtime.process;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sourced.runtime.json.JsonCodecs;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;

/**
 * A deadline as it arrives on a process manager's queue, sent by its one-time schedule:
 * {@code {"sourcedDeadline": {"processManager", "key", "name", "id", "due"}}}.
 *
 * @param processManager the process manager
 * @param key the instance's association key
 * @param name the deadline's name
 * @param id its id (the schedule's name)
 * @param due when it came due
 */
public record DeadlineMessage(String processManager, String key, String name, String id, Instant due) {
  static final String FIELD = "sourcedDeadline";

  public DeadlineMessage {
    Objects.requireNonNull(processManager, "processManager");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(due, "due");
  }

  /** @return the message body */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonCodecs.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart(FIELD);
      g.writeStringField("processManager", processManager);
      g.writeStringField("key", key);
      g.writeStringField("name", name);
      g.writeStringField("id", id);
      g.writeStringField("due", due.toString());
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** @return whether a message body is a deadline's (cheap: looks at its first field's name only) */
  public static boolean isDeadline(String body) {
    if (body == null) {
      return false;
    }
    int start = body.indexOf('"');
    return start >= 0 && body.startsWith(FIELD + "\"", start + 1);
  }

  /**
   * @param body a message body written by {@link #toJson()}
   * @return the deadline
   * @throws IllegalArgumentException when it is not one
   */
  public static DeadlineMessage parse(String body) {
    String processManager = null;
    String key = null;
    String name = null;
    String id = null;
    Instant due = null;
    try (JsonParser p = JsonCodecs.FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME || !FIELD.equals(p.currentName())
          || p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a deadline message");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "processManager" -> processManager = p.getText();
          case "key" -> key = p.getText();
          case "name" -> name = p.getText();
          case "id" -> id = p.getText();
          case "due" -> due = Instant.parse(p.getText());
          default -> p.skipChildren();
        }
      }
      return new DeadlineMessage(processManager, key, name, id, due);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a deadline message: " + e.getMessage(), e);
    }
  }
}
