package dev.sourced.runtime.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.json.JsonInputException;
import dev.sourced.runtime.store.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

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
 * <p>A replay sends many events in one message instead ({@link #replayMessage}): the <b>runs</b> of consecutive events
 * of one or more streams, as a scan returns them, {@code {"events": [detail, detail, …]}}, so that a projection
 * reads one checkpoint and commits once per stream for a whole run. The events usually travel compressed,
 * {@code {"count": 500, "gzip": "H4sI…"}}: base64 of the gzip of the same JSON array (a third to a fifth of its size).
 * {@link #parseAll} reads both forms, and a message that names its one stream,
 * {@code {"run": "shopping-cart#c1", "events": […]}}, as replays sent them before.
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
   * A compressed replay message is refused when its events take more than this uncompressed: a reader builds each to
   * fit a message (256 KB) uncompressed, so anything larger was not written by one (a zip bomb, say).
   */
  static final int MAX_UNCOMPRESSED_BYTES = 1024 * 1024;

  /**
   * @param details the details ({@link #detail}) of one or more streams, each stream's events together and in version
   *     order, as a replay reads them
   * @return a replay message: the events compressed ({@code {"count": n, "gzip": "…"}}) when that is smaller than the
   *     plain form ({@code {"events": [detail, …]}}), else the plain form; never larger than
   *     {@link #replayMessageOverhead} plus the details' bytes
   */
  public static String replayMessage(List<String> details) {
    StringBuilder array = new StringBuilder();
    array.append('[');
    for (int i = 0; i < details.size(); i++) {
      array.append(i == 0 ? "" : ",").append(details.get(i));
    }
    String events = array.append(']').toString();
    String plain = "{\"events\":" + events + "}";
    String compressed = "{\"count\":" + details.size() + ",\"gzip\":\""
        + Base64.getEncoder().encodeToString(gzip(events.getBytes(StandardCharsets.UTF_8))) + "\"}";
    return compressed.length() < plain.length() ? compressed : plain;
  }

  /** @return the bytes a replay message adds to its details in its plain form: the field name and a comma per detail */
  public static int replayMessageOverhead(int details) {
    return 16 + details;
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    // the fastest level: a run is compressed once per replayed message, on the reader's clock
    try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    }) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** @return the JSON a compressed replay message's {@code gzip} field holds */
  private static String gunzip(String base64) {
    byte[] compressed;
    try {
      compressed = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new JsonInputException("$.gzip", "not base64: " + e.getMessage(), e);
    }
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
      byte[] json = in.readNBytes(MAX_UNCOMPRESSED_BYTES + 1);
      if (json.length > MAX_UNCOMPRESSED_BYTES) {
        throw new JsonInputException("$.gzip", "its events take more than " + MAX_UNCOMPRESSED_BYTES
            + " bytes uncompressed; a replay reader writes messages that fit 256 KB uncompressed");
      }
      return new String(json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new JsonInputException("$.gzip", "not gzip: " + e.getMessage(), e);
    }
  }

  /** The first field of a replay message (a run, as replays sent them before, or {@link #replayMessage}'s forms). */
  private static final List<String> REPLAY_MESSAGE_FIRST_FIELDS = List.of("run", "events", "count");

  /**
   * @param firstField the name of a message body's first field
   * @return whether the body is a replay message; an EventBridge event or a bare detail begins with no such field
   */
  public static boolean isReplayMessage(String firstField) {
    return REPLAY_MESSAGE_FIRST_FIELDS.contains(firstField);
  }

  private static boolean startsReplayMessage(String json) {
    for (String field : REPLAY_MESSAGE_FIRST_FIELDS) {
      if (json.startsWith("{\"" + field + "\"")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads an EventBridge event, a bare detail, or a replay message ({@link #replayMessage}).
   *
   * @param json a message body
   * @return its events, at least one
   * @throws JsonInputException when it is none of these
   */
  public static List<StoredEvent> parseAll(String json) {
    if (!startsReplayMessage(json)) {
      return List.of(parse(json));
    }
    try (JsonParser p = JsonCodecs.FACTORY.createParser(json)) {
      p.nextToken();
      String run = null;
      long count = -1;
      List<StoredEvent> events = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("run") && value == JsonToken.VALUE_STRING) {
          run = p.getText();
        } else if (name.equals("count") && value == JsonToken.VALUE_NUMBER_INT) {
          count = p.getLongValue();
        } else if (name.equals("events") && value == JsonToken.START_ARRAY) {
          readDetails(p, events, "$.events");
        } else if (name.equals("gzip") && value == JsonToken.VALUE_STRING) {
          readCompressed(gunzip(p.getText()), events);
        } else {
          p.skipChildren();
        }
      }
      if (events.isEmpty()) {
        throw new JsonInputException("$.events", "a replay message holds at least one event");
      }
      if (count >= 0 && count != events.size()) {
        throw new JsonInputException("$.count", "it says " + count + " events; the message holds " + events.size());
      }
      for (StoredEvent event : events) {
        if (run != null && !event.streamId().equals(run)) {
          throw new JsonInputException("$.events", "every event of a run belongs to its stream '" + run + "'");
        }
      }
      return events;
    } catch (IOException e) {
      throw new JsonInputException("$", "malformed JSON: " + e.getMessage(), e);
    }
  }

  /** Reads a compressed replay message's array of details, reporting what is wrong with it at {@code $.gzip}. */
  private static void readCompressed(String json, List<StoredEvent> events) {
    try (JsonParser compressed = JsonCodecs.FACTORY.createParser(json)) {
      if (compressed.nextToken() != JsonToken.START_ARRAY) {
        throw new JsonInputException("$.gzip", "its events are not a JSON array");
      }
      readDetails(compressed, events, "$.gzip");
      if (compressed.nextToken() != null) {
        throw new JsonInputException("$.gzip", "more than the array of events");
      }
    } catch (IOException e) {
      throw new JsonInputException("$.gzip", "malformed JSON in its events: " + e.getMessage(), e);
    }
  }

  /** Reads the details of an array the parser is at the start of, up to its end. */
  private static void readDetails(JsonParser p, List<StoredEvent> events, String path) throws IOException {
    JsonToken token;
    while ((token = p.nextToken()) == JsonToken.START_OBJECT) {
      StoredEvent event = readDetail(p);
      if (event.streamId() == null || event.version() < 1 || event.type() == null) {
        throw new JsonInputException(path + "[" + events.size() + "]",
            "not a Sourced event envelope (streamId, version and type are required)");
      }
      events.add(event);
    }
    if (token != JsonToken.END_ARRAY) {
      throw new JsonInputException(path + "[" + events.size() + "]", "expected an event envelope object");
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
      Instant at;
      try {
        at = timestamp == null ? null : Instant.parse(timestamp);
      } catch (java.time.format.DateTimeParseException e) {
        throw new JsonInputException("$..timestamp", "not an ISO-8601 instant: '" + timestamp + "'", e);
      }
      return new StoredEvent(streamId, version, type, revision, data, eventId, at, commandId, correlationId, causationId,
          principal);
    }
  }
}
