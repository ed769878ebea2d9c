package dev.sourced.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.function.Function;

/**
 * How the values of one type are read and written: a string, an {@code int}, a list of records, ... The generated
 * codecs describe each record's components with these ({@link JsonValues} makes them) instead of a reader and a
 * writer of their own per record, so an application of a thousand records compiles in a fraction of the time.
 */
public abstract class JsonValue {
  JsonValue() {}

  /**
   * Reads a value; the parser is on its first token.
   *
   * @param p the parser
   * @param path the value's JSON path, for messages
   * @param strict whether null is refused (client input) rather than taken (stored data)
   * @return the value; null only in lenient mode
   */
  abstract Object read(JsonParser p, String path, boolean strict) throws IOException;

  /**
   * Writes a value.
   *
   * @param g the generator
   * @param value the value; null is written as null
   */
  abstract void write(JsonGenerator g, Object value) throws IOException;

  /** @return whether the value is a Java primitive: present even in lenient mode, never null */
  boolean primitive() {
    return false;
  }

  /** @return the component's value when its field is absent: null, or {@code Optional.empty()} */
  Object absent() {
    return null;
  }

  /** @return whether the component may be absent from a document however strict the reading: an Optional */
  boolean optional() {
    return false;
  }

  /**
   * @return how a path or query-string parameter's text becomes such a value (throwing IllegalArgumentException when
   *     it cannot); null for types that cannot come from text
   */
  Function<String, Object> textParser() {
    return null;
  }
}
