package dev.sourced.runtime.lambda;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sourced.runtime.json.JsonCodecs;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** One JSON line per request (Lambda sends stdout to CloudWatch Logs, where Logs Insights reads JSON). */
public final class RequestLog {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  /** Adds a field; null values are left out. */
  public RequestLog put(String name, Object value) {
    if (value != null) {
      fields.put(name, value);
    }
    return this;
  }

  /** Writes the line. */
  public void writeTo(Consumer<String> sink) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonCodecs.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, Object> field : fields.entrySet()) {
        if (field.getValue() instanceof Number number) {
          g.writeNumberField(field.getKey(), number.longValue());
        } else if (field.getValue() instanceof Boolean bool) {
          g.writeBooleanField(field.getKey(), bool);
        } else {
          g.writeStringField(field.getKey(), field.getValue().toString());
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sink.accept(out.toString());
  }
}
