package dev.sourced.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The JSON codec of one record, from a table of its components: names and {@link JsonValue}s in declaration order.
 * The generated code gives the table and the two things only it can do without reflection, in {@link Records}: make
 * the record from its components, and take them out of it.
 *
 * <p>Reading follows the rules of every codec: the fields in any order; unknown fields an error in strict mode
 * (naming those it knows), skipped otherwise; every component but an Optional required in strict mode, primitives
 * always; a value given outside the body (an HTTP request's path) applied by {@link Json#override}.
 */
public final class RecordCodec implements JsonCodec<Object> {
  /**
   * Makes records of a group (the generated codecs' chunk of records) and takes them apart, by number.
   */
  public interface Records {
    /**
     * @param record the record's number in the group
     * @param components its components in declaration order (boxed)
     * @return the record
     */
    Object construct(int record, Object[] components);

    /**
     * @param record the record's number in the group
     * @param value a record of that number
     * @return its components in declaration order (boxed)
     */
    Object[] components(int record, Object value);
  }

  private final Records records;
  private final int record;
  private final String[] names;
  private final JsonValue[] values;
  private final Function<String, Object>[] parsers;
  private final String known;
  private final boolean overridable;

  /**
   * @param records makes and takes apart the record
   * @param record its number among them
   * @param names its components' names, in declaration order
   * @param values its components' types, in the same order
   */
  @SuppressWarnings("unchecked")
  public RecordCodec(Records records, int record, String[] names, JsonValue[] values) {
    this.records = Objects.requireNonNull(records, "records");
    this.record = record;
    this.names = names.clone();
    this.values = values.clone();
    if (this.names.length != this.values.length) {
      throw new IllegalArgumentException("a name per component: " + this.names.length + " names, " + this.values.length + " values");
    }
    this.parsers = new Function[this.values.length];
    boolean any = false;
    for (int i = 0; i < this.values.length; i++) {
      parsers[i] = this.values[i].textParser();
      any |= parsers[i] != null;
    }
    this.overridable = any;
    this.known = String.join(", ", this.names);
  }

  @Override
  public Object read(JsonParser p, String path, boolean strict, Map<String, String> overrides) throws IOException {
    Json.startObject(p, path);
    int n = names.length;
    Object[] components = new Object[n];
    boolean[] present = new boolean[n];
    String field;
    while ((field = Json.nextField(p)) != null) {
      int i = indexOf(field);
      if (i < 0) {
        Json.unknownField(p, path, field, strict, known);
        continue;
      }
      components[i] = values[i].read(p, Json.child(path, field), strict);
      present[i] = true;
    }
    if (overridable && !overrides.isEmpty()) {
      for (int i = 0; i < n; i++) {
        // a parameter given without a value (a null in the map) overrides nothing: the body's value, or its absence, stands
        if (parsers[i] != null && overrides.get(names[i]) != null) {
          components[i] = Json.override(overrides, path, names[i], components[i], present[i], parsers[i]);
          present[i] = true;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      JsonValue value = values[i];
      if (value.primitive()) {
        Json.requirePrimitive(present[i], path, names[i]);
      } else if (!value.optional()) {
        Json.require(present[i], path, names[i], strict);
      }
      if (!present[i]) {
        components[i] = value.absent();
      }
    }
    return records.construct(record, components);
  }

  @Override
  public void write(JsonGenerator g, Object value) throws IOException {
    Object[] components = records.components(record, value);
    g.writeStartObject();
    for (int i = 0; i < names.length; i++) {
      g.writeFieldName(names[i]);
      values[i].write(g, components[i]);
    }
    g.writeEndObject();
  }

  private int indexOf(String field) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(field)) {
        return i;
      }
    }
    return -1;
  }
}
