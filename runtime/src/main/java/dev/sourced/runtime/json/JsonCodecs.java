package dev.sourced.runtime.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The codecs of one application, generated as {@code SourcedAppJson}. */
public interface JsonCodecs {
  /**
   * The factory of every reader and writer. Keys may be as long as strings: Jackson's default caps keys
   * at 50,000 characters but not values, so a value a client sent (a SKU) could not be read back once a
   * view used it as a map key. Nothing longer than DynamoDB's 400 KB item reaches a reader anyway.
   */
  JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNameLength(StreamReadConstraints.DEFAULT_MAX_STRING_LEN).build())
      .build();

  /**
   * @param type a command, event, query or view record class of the application
   * @return its codec
   * @throws IllegalArgumentException for other classes
   */
  <T> JsonCodec<T> codec(Class<T> type);

  /**
   * @param type the record class
   * @param json the JSON text
   * @param strict see {@link JsonCodec#read}; strict reading is for client input, whose every string and key
   *     must also be {@link Text valid text} and whose objects must not repeat a key
   * @param overrides see {@link JsonCodec#read}
   * @return the record
   * @throws JsonInputException when the text is not JSON or does not fit the record
   */
  default <T> T fromJson(Class<T> type, String json, boolean strict, Map<String, String> overrides) {
    try (JsonParser parser = strict ? CheckedJsonParser.forClient(FACTORY.createParser(json)) : FACTORY.createParser(json)) {
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
   * Checks that an event, as written, can be published and read back: every string and key is
   * {@link Text valid text}, integers fit EventBridge's 64 bits, nesting stays within what it processes,
   * and the codec reads the text back.
   *
   * @param type the event record class
   * @param json the event as {@link #toJson} wrote it
   * @throws JsonInputException naming the path in the event of the first problem
   */
  default void checkPublishable(Class<?> type, String json) {
    try (JsonParser parser = CheckedJsonParser.forPublishing(FACTORY.createParser(json))) {
      while (parser.nextToken() != null) {
        // every token is checked as it is read
      }
    } catch (JsonProcessingException e) {
      throw new JsonInputException("$", "is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    fromJson(type, json);
  }

  /**
   * Finds where a value sits in a record, to name the field a rejected value came from.
   *
   * @param record a record of the application
   * @param value a string
   * @return the JSON path of the first string in the record's JSON equal to {@code value}, or null
   */
  default String pathOf(Object record, String value) {
    try (JsonParser parser = FACTORY.createParser(toJson(record))) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.VALUE_STRING && parser.getText().equals(value)) {
          return CheckedJsonParser.path(parser.getParsingContext());
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param record a record of the application
   * @return the JSON path of the longest string in the record's JSON (the first of equals), or null when it has none
   */
  default String longestStringPath(Object record) {
    try (JsonParser parser = FACTORY.createParser(toJson(record))) {
      String path = null;
      int longest = -1;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.VALUE_STRING && parser.getTextLength() > longest) {
          longest = parser.getTextLength();
          path = CheckedJsonParser.path(parser.getParsingContext());
        }
      }
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
