package dev.sourced.runtime.process;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sourced.runtime.json.JsonCodec;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.json.JsonInputException;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The application's codecs, plus one for its process manager's {@link ProcessInstance}s around its state's codec. */
final class InstanceCodecs<S> implements JsonCodecs {
  private final JsonCodecs app;
  private final JsonCodec<ProcessInstance<S>> instances;

  InstanceCodecs(JsonCodecs app, Class<S> stateType) {
    this.app = app;
    JsonCodec<S> states = app.codec(stateType);
    this.instances = JsonCodec.of((parser, path, strict, overrides) -> read(parser, path, states), (g, value) -> write(g, value, states));
  }

  @SuppressWarnings("unchecked")
  static <S> Class<ProcessInstance<S>> type() {
    return (Class<ProcessInstance<S>>) (Class<?>) ProcessInstance.class;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> JsonCodec<T> codec(Class<T> type) {
    return type == ProcessInstance.class ? (JsonCodec<T>) instances : app.codec(type);
  }

  private static <S> ProcessInstance<S> read(JsonParser p, String path, JsonCodec<S> states) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new JsonInputException(path, "expected a process instance object");
    }
    S state = null;
    Map<String, ProcessInstance.Pending> deadlines = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "state" -> state = states.read(p, path + ".state", false, Map.of());
        case "deadlines" -> {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            String id = null;
            Instant due = null;
            String correlationId = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String key = p.currentName();
              p.nextToken();
              switch (key) {
                case "id" -> id = p.getText();
                case "due" -> due = Instant.parse(p.getText());
                case "correlationId" -> correlationId = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
                default -> p.skipChildren();
              }
            }
            deadlines.put(name, new ProcessInstance.Pending(id, due, correlationId));
          }
        }
        default -> p.skipChildren();
      }
    }
    if (state == null) {
      throw new JsonInputException(path, "a process instance has no state");
    }
    return new ProcessInstance<>(state, deadlines);
  }

  private static <S> void write(JsonGenerator g, ProcessInstance<S> instance, JsonCodec<S> states) throws IOException {
    g.writeStartObject();
    g.writeFieldName("state");
    states.write(g, instance.state());
    if (!instance.deadlines().isEmpty()) {
      g.writeObjectFieldStart("deadlines");
      for (Map.Entry<String, ProcessInstance.Pending> deadline : instance.deadlines().entrySet()) {
        g.writeObjectFieldStart(deadline.getKey());
        g.writeStringField("id", deadline.getValue().id());
        g.writeStringField("due", deadline.getValue().due().toString());
        if (deadline.getValue().correlationId() != null) {
          g.writeStringField("correlationId", deadline.getValue().correlationId());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }
}
