package dev.sourced.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@link JsonValue}s generated codecs describe records' components with: one constant per scalar type (and per
 * primitive type), and factories for enums, records, lists, sets, maps and Optionals. Reading and writing go through
 * {@link Json}'s routines, so messages and paths are those of every other reader.
 */
public final class JsonValues {
  private JsonValues() {}

  /** A {@code String}. */
  public static final JsonValue STRING = scalar(Json::readString, (g, v) -> Json.writeString(g, (String) v), Json::parseString, false);
  /** A {@code Boolean}. */
  public static final JsonValue BOOLEAN = scalar(Json::readBoolean, (g, v) -> Json.writeBoolean(g, (Boolean) v), Json::parseBoolean, false);
  /** An {@code Integer}. */
  public static final JsonValue INT = number(Json::readInt, Json::parseInt, false);
  /** A {@code Long}. */
  public static final JsonValue LONG = number(Json::readLong, Json::parseLong, false);
  /** A {@code Short}. */
  public static final JsonValue SHORT = number(Json::readShort, Json::parseShort, false);
  /** A {@code Byte}. */
  public static final JsonValue BYTE = number(Json::readByte, Json::parseByte, false);
  /** A {@code Double}. */
  public static final JsonValue DOUBLE = number(Json::readDouble, Json::parseDouble, false);
  /** A {@code Float}. */
  public static final JsonValue FLOAT = number(Json::readFloat, Json::parseFloat, false);
  /** A {@code BigDecimal}. */
  public static final JsonValue BIG_DECIMAL = number(Json::readBigDecimal, Json::parseBigDecimal, false);
  /** A {@code BigInteger}. */
  public static final JsonValue BIG_INTEGER = number(Json::readBigInteger, Json::parseBigInteger, false);
  /** A {@code Character}, as a string of one character. */
  public static final JsonValue CHAR = text(Json::readChar, Json::parseChar, false);
  /** An {@code Instant}, as ISO-8601 text. */
  public static final JsonValue INSTANT = text(Json::readInstant, Json::parseInstant, false);
  /** A {@code LocalDate}, as ISO-8601 text. */
  public static final JsonValue LOCAL_DATE = text(Json::readLocalDate, Json::parseLocalDate, false);
  /** A {@code UUID}, as text. */
  public static final JsonValue UUID = text(Json::readUuid, Json::parseUuid, false);

  /** A {@code boolean}. */
  public static final JsonValue PRIMITIVE_BOOLEAN = scalar(Json::readBoolean, (g, v) -> Json.writeBoolean(g, (Boolean) v), Json::parseBoolean, true);
  /** An {@code int}. */
  public static final JsonValue PRIMITIVE_INT = number(Json::readInt, Json::parseInt, true);
  /** A {@code long}. */
  public static final JsonValue PRIMITIVE_LONG = number(Json::readLong, Json::parseLong, true);
  /** A {@code short}. */
  public static final JsonValue PRIMITIVE_SHORT = number(Json::readShort, Json::parseShort, true);
  /** A {@code byte}. */
  public static final JsonValue PRIMITIVE_BYTE = number(Json::readByte, Json::parseByte, true);
  /** A {@code double}. */
  public static final JsonValue PRIMITIVE_DOUBLE = number(Json::readDouble, Json::parseDouble, true);
  /** A {@code float}. */
  public static final JsonValue PRIMITIVE_FLOAT = number(Json::readFloat, Json::parseFloat, true);
  /** A {@code char}. */
  public static final JsonValue PRIMITIVE_CHAR = text(Json::readChar, Json::parseChar, true);

  /**
   * @param type an enum type
   * @param constants its constants' names, comma-separated, for messages
   * @return its constants, by name
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static JsonValue enumOf(Class<?> type, String constants) {
    Class<? extends Enum> enumType = (Class<? extends Enum>) type;
    Function<String, Object> valueOf = text -> Enum.valueOf(enumType, text);
    return new JsonValue() {
      @Override
      Object read(JsonParser p, String path, boolean strict) throws IOException {
        return Json.readEnum(p, path, strict, text -> (Enum) Enum.valueOf(enumType, text), constants);
      }

      @Override
      void write(JsonGenerator g, Object value) throws IOException {
        Json.writeEnum(g, (Enum<?>) value);
      }

      @Override
      Function<String, Object> textParser() {
        return valueOf;
      }
    };
  }

  /**
   * @param type a record type
   * @param codecs the application's codecs, which have its codec (asked for at first use, so records may refer to
   *     each other in any order, or to themselves)
   * @return the record, as an object
   */
  public static JsonValue record(Class<?> type, JsonCodecs codecs) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(codecs, "codecs");
    return new JsonValue() {
      private JsonCodec<Object> codec;

      @SuppressWarnings("unchecked")
      private JsonCodec<Object> codec() {
        JsonCodec<Object> known = codec;
        if (known == null) {
          known = (JsonCodec<Object>) codecs.codec(type);
          codec = known;
        }
        return known;
      }

      @Override
      Object read(JsonParser p, String path, boolean strict) throws IOException {
        return codec().read(p, path, strict, Map.of());
      }

      @Override
      void write(JsonGenerator g, Object value) throws IOException {
        JsonCodec<Object> writer = codec();
        Json.writeRecord(g, value, writer::write);
      }
    };
  }

  /** @return a list of the items */
  public static JsonValue listOf(JsonValue items) {
    return collection(items, false);
  }

  /** @return a set of the items, as a JSON array */
  public static JsonValue setOf(JsonValue items) {
    return collection(items, true);
  }

  /** @return a map from strings to the values, as a JSON object */
  public static JsonValue mapOf(JsonValue values) {
    return new JsonValue() {
      @Override
      Object read(JsonParser p, String path, boolean strict) throws IOException {
        return Json.readMap(p, path, strict, values::read);
      }

      @Override
      @SuppressWarnings("unchecked")
      void write(JsonGenerator g, Object value) throws IOException {
        Json.writeMap(g, (Map<String, Object>) value, values::write);
      }
    };
  }

  /** @return an Optional of the value: null in JSON when empty, and empty when its field is absent */
  public static JsonValue optionalOf(JsonValue value) {
    Function<String, Object> inner = value.textParser();
    Function<String, Object> parser = inner == null || value.optional() ? null : text -> Optional.of(inner.apply(text));
    return new JsonValue() {
      @Override
      Object read(JsonParser p, String path, boolean strict) throws IOException {
        return Json.readOptional(p, path, value::read);
      }

      @Override
      @SuppressWarnings("unchecked")
      void write(JsonGenerator g, Object v) throws IOException {
        Json.writeOptional(g, (Optional<Object>) v, value::write);
      }

      @Override
      Object absent() {
        return Optional.empty();
      }

      @Override
      boolean optional() {
        return true;
      }

      @Override
      Function<String, Object> textParser() {
        return parser;
      }
    };
  }

  private static JsonValue collection(JsonValue items, boolean unique) {
    return new JsonValue() {
      @Override
      Object read(JsonParser p, String path, boolean strict) throws IOException {
        return unique ? Json.readSet(p, path, strict, items::read) : Json.readList(p, path, strict, items::read);
      }

      @Override
      @SuppressWarnings("unchecked")
      void write(JsonGenerator g, Object value) throws IOException {
        Json.writeList(g, (Collection<Object>) value, items::write);
      }
    };
  }

  private static JsonValue number(JsonCodec.Reader<? extends Number> reader, Function<String, ?> parser, boolean primitive) {
    return scalar(reader, (g, v) -> Json.writeNumber(g, (Number) v), parser, primitive);
  }

  private static JsonValue text(JsonCodec.Reader<?> reader, Function<String, ?> parser, boolean primitive) {
    return scalar(reader, Json::writeText, parser, primitive);
  }

  @SuppressWarnings("unchecked")
  private static JsonValue scalar(JsonCodec.Reader<?> reader, JsonCodec.Writer<Object> writer, Function<String, ?> parser,
      boolean primitive) {
    Function<String, Object> text = (Function<String, Object>) parser;
    return new JsonValue() {
      @Override
      Object read(JsonParser p, String path, boolean strict) throws IOException {
        // a primitive is never null, whatever the mode
        return reader.read(p, path, primitive || strict);
      }

      @Override
      void write(JsonGenerator g, Object value) throws IOException {
        writer.write(g, value);
      }

      @Override
      boolean primitive() {
        return primitive;
      }

      @Override
      Function<String, Object> textParser() {
        return text;
      }
    };
  }
}
