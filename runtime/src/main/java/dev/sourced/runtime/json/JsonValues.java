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
  public static final JsonValue STRING = scalar(Json::readString, (g, v) -> Json.writeString(g, (String) v), Json::parseString);
  /** A {@code Boolean}. */
  public static final JsonValue BOOLEAN = scalar(Json::readBoolean, (g, v) -> Json.writeBoolean(g, (Boolean) v), Json::parseBoolean);
  /** An {@code Integer}. */
  public static final JsonValue INT = number(Json::readInt, Json::parseInt);
  /** A {@code Long}. */
  public static final JsonValue LONG = number(Json::readLong, Json::parseLong);
  /** A {@code Short}. */
  public static final JsonValue SHORT = number(Json::readShort, Json::parseShort);
  /** A {@code Byte}. */
  public static final JsonValue BYTE = number(Json::readByte, Json::parseByte);
  /** A {@code Double}. */
  public static final JsonValue DOUBLE = number(Json::readDouble, Json::parseDouble);
  /** A {@code Float}. */
  public static final JsonValue FLOAT = number(Json::readFloat, Json::parseFloat);
  /** A {@code BigDecimal}. */
  public static final JsonValue BIG_DECIMAL = number(Json::readBigDecimal, Json::parseBigDecimal);
  /** A {@code BigInteger}. */
  public static final JsonValue BIG_INTEGER = number(Json::readBigInteger, Json::parseBigInteger);
  /** A {@code Character}, as a string of one character. */
  public static final JsonValue CHAR = scalar(Json::readChar, Json::writeText, Json::parseChar);
  /** An {@code Instant}, as ISO-8601 text. */
  public static final JsonValue INSTANT = scalar(Json::readInstant, Json::writeText, Json::parseInstant);
  /** A {@code LocalDate}, as ISO-8601 text. */
  public static final JsonValue LOCAL_DATE = scalar(Json::readLocalDate, Json::writeText, Json::parseLocalDate);
  /** A {@code UUID}, as text. */
  public static final JsonValue UUID = scalar(Json::readUuid, Json::writeText, Json::parseUuid);

  /** A {@code boolean}. */
  public static final JsonValue PRIMITIVE_BOOLEAN = ((Scalar) BOOLEAN).primitive;
  /** An {@code int}. */
  public static final JsonValue PRIMITIVE_INT = ((Scalar) INT).primitive;
  /** A {@code long}. */
  public static final JsonValue PRIMITIVE_LONG = ((Scalar) LONG).primitive;
  /** A {@code short}. */
  public static final JsonValue PRIMITIVE_SHORT = ((Scalar) SHORT).primitive;
  /** A {@code byte}. */
  public static final JsonValue PRIMITIVE_BYTE = ((Scalar) BYTE).primitive;
  /** A {@code double}. */
  public static final JsonValue PRIMITIVE_DOUBLE = ((Scalar) DOUBLE).primitive;
  /** A {@code float}. */
  public static final JsonValue PRIMITIVE_FLOAT = ((Scalar) FLOAT).primitive;
  /** A {@code char}. */
  public static final JsonValue PRIMITIVE_CHAR = ((Scalar) CHAR).primitive;

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

  private static JsonValue number(JsonCodec.Reader<? extends Number> reader, Function<String, ?> parser) {
    return scalar(reader, (g, v) -> Json.writeNumber(g, (Number) v), parser);
  }

  @SuppressWarnings("unchecked")
  private static JsonValue scalar(JsonCodec.Reader<?> reader, JsonCodec.Writer<Object> writer, Function<String, ?> parser) {
    return new Scalar(reader, writer, (Function<String, Object>) parser, false);
  }

  /** A scalar type, boxed; {@link #primitive} is the same type as a Java primitive. */
  private static final class Scalar extends JsonValue {
    private final JsonCodec.Reader<?> reader;
    private final JsonCodec.Writer<Object> writer;
    private final Function<String, Object> parser;
    private final boolean isPrimitive;
    /** The primitive of this boxed type (itself when it is the primitive). */
    final Scalar primitive;

    Scalar(JsonCodec.Reader<?> reader, JsonCodec.Writer<Object> writer, Function<String, Object> parser, boolean isPrimitive) {
      this.reader = reader;
      this.writer = writer;
      this.parser = parser;
      this.isPrimitive = isPrimitive;
      this.primitive = isPrimitive ? this : new Scalar(reader, writer, parser, true);
    }

    @Override
    Object read(JsonParser p, String path, boolean strict) throws IOException {
      // a primitive is never null, whatever the mode
      return reader.read(p, path, isPrimitive || strict);
    }

    @Override
    void write(JsonGenerator g, Object value) throws IOException {
      writer.write(g, value);
    }

    @Override
    boolean primitive() {
      return isPrimitive;
    }

    @Override
    Function<String, Object> textParser() {
      return parser;
    }
  }
}
