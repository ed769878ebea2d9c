package dev.sourced.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Map;

/**
 * Reads and writes one record type with Jackson's streaming API.
 *
 * @param <T> the record type
 */
public interface JsonCodec<T> {

  /**
   * Reads a value; the parser is positioned on its first token.
   *
   * @param parser the parser
   * @param path the JSON path of the value, for messages
   * @param strict {@code true} for client input: every non-Optional component must be present and not
   *     null, unknown fields are rejected. {@code false} for stored data: missing reference components are
   *     null, unknown fields are skipped
   * @param overrides top-level components taken from elsewhere (the path of an HTTP request): used when
   *     the JSON lacks them, and must agree when it has them
   * @return the value
   * @throws JsonInputException when the JSON does not fit
   */
  T read(JsonParser parser, String path, boolean strict, Map<String, String> overrides) throws IOException;

  /**
   * Writes a value.
   *
   * @param generator the generator
   * @param value the value, not null
   */
  void write(JsonGenerator generator, T value) throws IOException;

  /**
   * @param reader reads a top-level value
   * @param writer writes a value
   * @return a codec of both
   */
  static <T> JsonCodec<T> of(TopReader<T> reader, Writer<T> writer) {
    return new JsonCodec<>() {
      @Override
      public T read(JsonParser parser, String path, boolean strict, Map<String, String> overrides) throws IOException {
        return reader.read(parser, path, strict, overrides);
      }

      @Override
      public void write(JsonGenerator generator, T value) throws IOException {
        writer.write(generator, value);
      }
    };
  }

  /** Reads a top-level value, with path overrides. */
  @FunctionalInterface
  interface TopReader<T> {
    T read(JsonParser parser, String path, boolean strict, Map<String, String> overrides) throws IOException;
  }

  /** Reads one nested value. */
  @FunctionalInterface
  interface Reader<T> {
    T read(JsonParser parser, String path, boolean strict) throws IOException;
  }

  /** Writes one nested value. */
  @FunctionalInterface
  interface Writer<T> {
    void write(JsonGenerator generator, T value) throws IOException;
  }
}
