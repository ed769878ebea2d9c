package dev.sourced.runtime.command;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sourced.runtime.json.JsonCodecs;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a command did: {@code {"streamId", "version", "events": [{"eventId", "type", "version"}]}}.
 *
 * @param streamId the stream
 * @param version the stream's version after the command (unchanged when it decided no events)
 * @param events the events appended
 * @param created whether the command started the stream (HTTP 201 rather than 200)
 * @param replayed whether this is the stored result of an earlier command with the same idempotency key
 * @param commandId the command's id (its idempotency key when it had one); not part of the response body
 */
public record CommandResult(String streamId, long version, List<Appended> events, boolean created, boolean replayed,
    String commandId) {

  public CommandResult {
    events = List.copyOf(events);
  }

  /**
   * One appended event.
   *
   * @param eventId its id
   * @param type its name
   * @param version its version in the stream
   */
  public record Appended(String eventId, String type, long version) {}

  /** @return the HTTP status: 201 for a creation, else 200 */
  public int status() {
    return created ? 201 : 200;
  }

  /** @return the response body */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonCodecs.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("streamId", streamId);
      g.writeNumberField("version", version);
      g.writeArrayFieldStart("events");
      for (Appended event : events) {
        g.writeStartObject();
        g.writeStringField("eventId", event.eventId());
        g.writeStringField("type", event.type());
        g.writeNumberField("version", event.version());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * @param json a body written by {@link #toJson()}
   * @param status the status it was sent with
   * @param commandId the idempotency key it was stored under
   * @return the result, marked replayed
   */
  public static CommandResult replay(String json, int status, String commandId) {
    String streamId = null;
    long version = 0;
    List<Appended> events = new ArrayList<>();
    try (JsonParser p = JsonCodecs.FACTORY.createParser(json)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "streamId" -> streamId = p.getText();
          case "version" -> version = p.getLongValue();
          case "events" -> {
            while (p.nextToken() == JsonToken.START_OBJECT) {
              String eventId = null;
              String type = null;
              long eventVersion = 0;
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                  case "eventId" -> eventId = p.getText();
                  case "type" -> type = p.getText();
                  case "version" -> eventVersion = p.getLongValue();
                  default -> p.skipChildren();
                }
              }
              events.add(new Appended(eventId, type, eventVersion));
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CommandResult(streamId, version, events, status == 201, true, commandId);
  }
}
