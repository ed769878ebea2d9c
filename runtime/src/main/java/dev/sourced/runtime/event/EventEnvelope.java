package dev.sourced.runtime.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.json.JsonInputException;
import dev.sourced.runtime.store.StoredEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The EventBridge {@code detail} of a published event:
 *
 * <pre>{@code
 * {"streamId": "shopping-cart#c1", "version": 2, "eventId": "…", "type": "ItemAdded", "revision": 2,
 *  "timestamp": "2026-11-21T17:00:00Z", "data": {…the event record…},
 *  "metadata": {"commandId": "…", "correlationId": "…", "causationId": "…", "principal": "…"}}
 * }</pre>
 *
 * The {@code detail-type} is the event name and the {@code source} the application's name. An event
 * too large for EventBridge's 256 KB entry limit is published without {@code data} (and with
 * {@code "dataOmitted": true}); consumers read it from the event store.
 *
 * <p>A replay sends a <b>run</b> instead: consecutive events of one stream in one message,
 * {@code {"run": "shopping-cart#c1", "events": [detail, detail, …]}} ({@link #run}), so that a projection
 * reads one checkpoint and commits once for the whole run. {@link #parseAll} reads either form.
 */
public final class EventEnvelope {
  private EventEnvelope() {}

  /** @return the detail JSON of an event */
  public static String detail(StoredEvent event, boolean includeData) {
    return write(event, includeData, true);
  }

  /**
   * @return the detail of an event as a reference only: what the publisher wrote itself (stream, version,
   *     event id, type, revision, timestamp) with {@code "dataOmitted": true} and no metadata, for an event
   *     whose full envelope EventBridge refused; consumers read the event from the store
   */
  public static String reference(StoredEvent event) {
    return write(event, false, false);
  }

  private static String write(StoredEvent event, boolean includeData, boolean includeMetadata) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonCodecs.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("streamId", event.streamId());
      g.writeNumberField("version", event.version());
      g.writeStringField("eventId", event.eventId());
      g.writeStringField("type", event.type());
      g.writeNumberField("revision", event.revision());
      g.writeStringField("timestamp", event.timestamp().toString());
      if (includeData) {
        g.writeFieldName("data");
        g.writeRawValue(event.data());
      } else {
        g.writeBooleanField("dataOmitted", true);
      }
      if (includeMetadata) {
        g.writeObjectFieldStart("metadata");
        writeIfPresent(g, "commandId", event.commandId());
        writeIfPresent(g, "correlationId", event.correlationId());
        writeIfPresent(g, "causationId", event.causationId());
        writeIfPresent(g, "principal", event.principal());
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeIfPresent(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  /**
   * @param streamId the stream every detail belongs to, in version order
   * @param details the details ({@link #detail}), as written
   * @return a run message: {@code {"run": streamId, "events": [details…]}}
   */
  public static String run(String streamId, List<String> details) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonCodecs.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("run", streamId);
      g.writeArrayFieldStart("events");
      for (String detail : details) {
        g.writeRawValue(detail);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** @return the bytes a run adds to its details: the stream id, the field names and a comma per detail */
  public static int runOverhead(String streamId, int details) {
    return 32 + streamId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length * 6 + details;
  }

  /**
   * Reads an EventBridge event, a bare detail, or a run of one stream's events.
   *
   * @param json a message body
   * @return its events, at least one
   * @throws JsonInputException when it is none of these
   */
  public static List<StoredEvent> parseAll(String json) {
    if (!json.startsWith("{\"run\"")) {
      return List.of(parse(json));
    }
    try (JsonParser p = JsonCodecs.FACTORY.createParser(json)) {
      p.nextToken();
      String run = null;
      List<StoredEvent> events = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("run") && value == JsonToken.VALUE_STRING) {
          run = p.getText();
        } else if (name.equals("events") && value == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            StoredEvent event = readDetail(p);
            if (event.streamId() == null || event.version() < 1 || event.type() == null) {
              throw new JsonInputException("$.events[" + events.size() + "]",
                  "not a Sourced event envelope (streamId, version and type are required)");
            }
            events.add(event);
          }
        } else {
          p.skipChildren();
        }
      }
      if (events.isEmpty()) {
        throw new JsonInputException("$.events", "a run holds at least one event");
      }
      for (StoredEvent event : events) {
        if (!event.streamId().equals(run)) {
          throw new JsonInputException("$.events", "every event of a run belongs to its stream '" + run + "'");
        }
      }
      return events;
    } catch (IOException e) {
      throw new JsonInputException("$", "malformed JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Reads an EventBridge event (as an SQS target receives it) or a bare detail.
   *
   * @param json {@code {"detail-type": …, "detail": {…}}} or the detail itself
   * @return the event; {@code data} is null when it was omitted
   * @throws JsonInputException when it is not an envelope
   */
  public static StoredEvent parse(String json) {
    try (JsonParser p = JsonCodecs.FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonInputException("$", "expected an EventBridge event object");
      }
      StoredEvent detail = null;
      Fields fields = new Fields();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("detail")) {
          detail = readDetail(p);
        } else {
          fields.read(name, p);
        }
      }
      StoredEvent event = detail != null ? detail : fields.toEvent();
      if (event.streamId() == null || event.version() < 1 || event.type() == null) {
        throw new JsonInputException("$.detail", "not a Sourced event envelope (streamId, version and type are required)");
      }
      return event;
    } catch (IOException e) {
      throw new JsonInputException("$", "malformed JSON: " + e.getMessage(), e);
    }
  }

  private static StoredEvent readDetail(JsonParser p) throws IOException {
    Fields fields = new Fields();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      fields.read(name, p);
    }
    return fields.toEvent();
  }

  /** The detail's fields as they are read. */
  private static final class Fields {
    String streamId;
    long version;
    String eventId;
    String type;
    int revision = 1;
    String timestamp;
    String data;
    String commandId;
    String correlationId;
    String causationId;
    String principal;

    void read(String name, JsonParser p) throws IOException {
      switch (name) {
        case "streamId" -> streamId = p.getText();
        case "version" -> {
          // an EventBridge event's own "version" is the string "0"; the envelope's is a number
          if (p.currentToken().isNumeric()) {
            version = p.getLongValue();
          }
        }
        case "eventId" -> eventId = p.getText();
        case "type" -> type = p.getText();
        case "revision" -> revision = p.getIntValue();
        case "timestamp" -> timestamp = p.getText();
        case "data" -> {
          StringWriter raw = new StringWriter();
          try (JsonGenerator g = JsonCodecs.FACTORY.createGenerator(raw)) {
            g.copyCurrentStructure(p);
          }
          data = raw.toString();
        }
        case "metadata" -> {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
              case "commandId" -> commandId = p.getText();
              case "correlationId" -> correlationId = p.getText();
              case "causationId" -> causationId = p.getText();
              case "principal" -> principal = p.getText();
              default -> p.skipChildren();
            }
          }
        }
        default -> p.skipChildren();
      }
    }

    StoredEvent toEvent() {
      return new StoredEvent(streamId, version, type, revision, data, eventId,
          timestamp == null ? null : Instant.parse(timestamp), commandId, correlationId, causationId, principal);
    }
  }
}
