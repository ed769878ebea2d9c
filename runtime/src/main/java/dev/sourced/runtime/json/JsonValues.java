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
  public static final JsonValue STRING = new Scalar(0, false);
  /** A {@code Boolean}. */
  public static final JsonValue BOOLEAN = new Scalar(1, false);
  /** An {@code Integer}. */
  public static final JsonValue INT = new Scalar(2, false);
  /** A {@code Long}. */
  public static final JsonValue LONG = new Scalar(3, false);
  /** A {@code Short}. */
  public static final JsonValue SHORT = new Scalar(4, false);
  /** A {@code Byte}. */
  public static final JsonValue BYTE = new Scalar(5, false);
  /** A {@code Double}. */
  public static final JsonValue DOUBLE = new Scalar(6, false);
  /** A {@code Float}. */
  public static final JsonValue FLOAT = new Scalar(7, false);
  /** A {@code BigDecimal}. */
  public static final JsonValue BIG_DECIMAL = new Scalar(8, false);
  /** A {@code BigInteger}. */
  public static final JsonValue BIG_INTEGER = new Scalar(9, false);
  /** A {@code Character}, as a string of one character. */
  public static final JsonValue CHAR = new Scalar(10, false);
  /** An {@code Instant}, as ISO-8601 text. */
  public static final JsonValue INSTANT = new Scalar(11, false);
  /** A {@code LocalDate}, as ISO-8601 text. */
  public static final JsonValue LOCAL_DATE = new Scalar(12, false);
  /** A {@code UUID}, as text. */
  public static final JsonValue UUID = new Scalar(13, false);

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

  /**
   * A scalar type, boxed; {@link #primitive} is the same type as a Java primitive. It picks {@link Json}'s routine by
   * its kind (the order of the constants above) in a switch, not through a lambda per constant: a lambda is spun when
   * the class is initialized, which every function does when it starts, and the 35 lambda sites (42 objects) cost
   * about 8 ms there.
   */
  private static final class Scalar extends JsonValue implements Function<String, Object> {
    private final int kind;
    private final boolean isPrimitive;
    /** The primitive of this boxed type (itself when it is the primitive). */
    final Scalar primitive;

    Scalar(int kind, boolean isPrimitive) {
      this.kind = kind;
      this.isPrimitive = isPrimitive;
      this.primitive = isPrimitive ? this : new Scalar(kind, true);
    }

    @Override
    Object read(JsonParser p, String path, boolean strict) throws IOException {
      // a primitive is never null, whatever the mode
      boolean nonNull = isPrimitive || strict;
      switch (kind) {
        case 0: return Json.readString(p, path, nonNull);
        case 1: return Json.readBoolean(p, path, nonNull);
        case 2: return Json.readInt(p, path, nonNull);
        case 3: return Json.readLong(p, path, nonNull);
        case 4: return Json.readShort(p, path, nonNull);
        case 5: return Json.readByte(p, path, nonNull);
        case 6: return Json.readDouble(p, path, nonNull);
        case 7: return Json.readFloat(p, path, nonNull);
        case 8: return Json.readBigDecimal(p, path, nonNull);
        case 9: return Json.readBigInteger(p, path, nonNull);
        case 10: return Json.readChar(p, path, nonNull);
        case 11: return Json.readInstant(p, path, nonNull);
        case 12: return Json.readLocalDate(p, path, nonNull);
        case 13: return Json.readUuid(p, path, nonNull);
        default: throw new IllegalStateException("no scalar kind " + kind);
      }
    }

    @Override
    void write(JsonGenerator g, Object value) throws IOException {
      switch (kind) {
        case 0: Json.writeString(g, (String) value); return;
        case 1: Json.writeBoolean(g, (Boolean) value); return;
        case 2, 3, 4, 5, 6, 7, 8, 9: Json.writeNumber(g, (Number) value); return;
        default: Json.writeText(g, value);
      }
    }

    /** Parses the text of a map key or path parameter. */
    @Override
    public Object apply(String text) {
      switch (kind) {
        case 0: return Json.parseString(text);
        case 1: return Json.parseBoolean(text);
        case 2: return Json.parseInt(text);
        case 3: return Json.parseLong(text);
        case 4: return Json.parseShort(text);
        case 5: return Json.parseByte(text);
        case 6: return Json.parseDouble(text);
        case 7: return Json.parseFloat(text);
        case 8: return Json.parseBigDecimal(text);
        case 9: return Json.parseBigInteger(text);
        case 10: return Json.parseChar(text);
        case 11: return Json.parseInstant(text);
        case 12: return Json.parseLocalDate(text);
        case 13: return Json.parseUuid(text);
        default: throw new IllegalStateException("no scalar kind " + kind);
      }
    }

    @Override
    boolean primitive() {
      return isPrimitive;
    }

    @Override
    Function<String, Object> textParser() {
      return this;
    }
  }
}
