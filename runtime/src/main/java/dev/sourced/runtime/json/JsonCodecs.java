package dev.sourced.runtime.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The codecs of one application, generated as {@code SourcedAppJson}. */
public interface JsonCodecs {
  JsonFactory FACTORY = JsonFactory.builder().build();
  /**
   * Reads stored JSON (events, views, envelopes): whatever the codecs wrote must read back, so a name (e.g. a
   * map key in a view) may be as long as a DynamoDB item, not only Jackson's default 50,000 characters.
   */
  JsonFactory STORED = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNameLength(400 * 1024).build()).build();

  /**
   * @param type a command, event, query or view record class of the application
   * @return its codec
   * @throws IllegalArgumentException for other classes
   */
  <T> JsonCodec<T> codec(Class<T> type);

  /**
   * @param type the record class
   * @param json the JSON text
   * @param strict see {@link JsonCodec#read}; lenient reads are of stored data, read with {@link #STORED}
   * @param overrides see {@link JsonCodec#read}
   * @return the record
   * @throws JsonInputException when the text is not JSON or does not fit the record
   */
  default <T> T fromJson(Class<T> type, String json, boolean strict, Map<String, String> overrides) {
    try (JsonParser parser = (strict ? FACTORY : STORED).createParser(json)) {
      if (parser.nextToken() == null) {
        throw new JsonInputException("$", "expected a JSON object; found no content");
      }
      T value = codec(type).read(parser, "$", strict, overrides);
      if (parser.nextToken() != null) {
        throw new JsonInputException("$", "unexpected content after the JSON value");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new JsonInputException("$", "malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads stored JSON leniently. */
  default <T> T fromJson(Class<T> type, String json) {
    return fromJson(type, json, false, Map.of());
  }

  /**
   * @param value a record of the application
   * @return its JSON text
   */
  @SuppressWarnings("unchecked")
  default String toJson(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      codec((Class<Object>) value.getClass()).write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
