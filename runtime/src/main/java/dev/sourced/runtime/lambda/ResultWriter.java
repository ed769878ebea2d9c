package dev.sourced.runtime.lambda;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sourced.runtime.json.JsonCodecs;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Writes a query handler's answer: records through the generated codecs, containers and scalars as JSON. */
final class ResultWriter {
  private final JsonCodecs codecs;

  ResultWriter(JsonCodecs codecs) {
    this.codecs = codecs;
  }

  String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonCodecs.FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private void write(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Record record) {
      Class<Object> type = (Class<Object>) (Class<?>) record.getClass();
      codecs.codec(type).write(g, record);
    } else if (value instanceof Optional<?> optional) {
      write(g, optional.orElse(null));
    } else if (value instanceof Collection<?> collection) {
      g.writeStartArray();
      for (Object item : collection) {
        write(g, item);
      }
      g.writeEndArray();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
        g.writeFieldName(entry.getKey().toString());
        write(g, entry.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof Boolean bool) {
      g.writeBoolean(bool);
    } else if (value instanceof Number number) {
      dev.sourced.runtime.json.Json.writeNumber(g, number);
    } else if (value instanceof Enum<?> constant) {
      g.writeString(constant.name());
    } else {
      g.writeString(value.toString());
    }
  }
}
