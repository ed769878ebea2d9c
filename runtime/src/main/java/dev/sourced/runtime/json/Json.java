package dev.sourced.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Helpers the generated codecs call: one reader and writer per JSON shape, each naming the path on error. */
public final class Json {
  private Json() {}

  // ------------------------------------------------------------------ objects

  /** Checks the parser is on the start of an object. */
  public static void startObject(JsonParser p, String path) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw mismatch(p, path, "an object");
    }
  }

  /** @return the next field name, or null at the end of the object; positions the parser on the value */
  public static String nextField(JsonParser p) throws IOException {
    JsonToken token = p.nextToken();
    if (token != JsonToken.FIELD_NAME) {
      return null;
    }
    String name = p.currentName();
    p.nextToken();
    return name;
  }

  /** Handles a field the record does not have: an error in strict mode, skipped otherwise. */
  public static void unknownField(JsonParser p, String path, String field, boolean strict, String known) throws IOException {
    if (strict) {
      throw new JsonInputException(child(path, field), "unknown field; expected one of: " + known);
    }
    p.skipChildren();
  }

  /** Checks a required component was present. */
  public static void require(boolean present, String path, String field, boolean strict) {
    if (strict && !present) {
      throw new JsonInputException(child(path, field), "is required");
    }
  }

  /** Checks a primitive component was present (primitives are required even in lenient mode). */
  public static void requirePrimitive(boolean present, String path, String field) {
    if (!present) {
      throw new JsonInputException(child(path, field), "is required");
    }
  }

  /**
   * Applies a value given outside the body (a path or query-string parameter) to a component.
   *
   * @param parse turns the text into the component's type; throws IllegalArgumentException when it cannot
   * @return the parsed override when the body lacked the field, the body's value when they agree
   * @throws JsonInputException when the text is not {@link Text valid text} or does not parse, or when both are
   *     present and differ
   */
  public static <T> T override(Map<String, String> overrides, String path, String field, T fromBody, boolean present,
      Function<String, T> parse) {
    String text = overrides.get(field);
    if (text == null) {
      return fromBody;
    }
    Text.check(text, child(path, field));
    T fromPath;
    try {
      fromPath = parse.apply(text);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new JsonInputException(child(path, field), "cannot read '" + text + "': " + e.getMessage());
    }
    if (present && fromBody != null && !fromBody.equals(fromPath)) {
      throw new JsonInputException(child(path, field),
          "is '" + fromBody + "' in the body but '" + text + "' in the request path; they must agree");
    }
    return fromPath;
  }

  // ------------------------------------------------------------------ parsing text (path and query parameters)

  public static String parseString(String text) {
    return text;
  }

  public static Boolean parseBoolean(String text) {
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("expected true or false");
    };
  }

  public static Integer parseInt(String text) {
    return parseNumber(text, Integer::valueOf, "a 32-bit integer");
  }

  public static Long parseLong(String text) {
    return parseNumber(text, Long::valueOf, "a 64-bit integer");
  }

  public static Short parseShort(String text) {
    return parseNumber(text, Short::valueOf, "a 16-bit integer");
  }

  public static Byte parseByte(String text) {
    return parseNumber(text, Byte::valueOf, "an 8-bit integer");
  }

  public static Double parseDouble(String text) {
    return parseNumber(text, t -> finiteText(Double.valueOf(t)), "a finite number");
  }

  public static Float parseFloat(String text) {
    return parseNumber(text, t -> finiteText(Float.valueOf(t)), "a finite number");
  }

  private static <N extends Number> N finiteText(N number) {
    if (Double.isNaN(number.doubleValue()) || Double.isInfinite(number.doubleValue())) {
      throw new NumberFormatException("not finite");
    }
    return number;
  }

  public static BigDecimal parseBigDecimal(String text) {
    return parseNumber(text, BigDecimal::new, "a number");
  }

  public static BigInteger parseBigInteger(String text) {
    return parseNumber(text, BigInteger::new, "an integer");
  }

  public static Character parseChar(String text) {
    if (text.length() != 1) {
      throw new IllegalArgumentException("expected a single character");
    }
    return text.charAt(0);
  }

  public static Instant parseInstant(String text) {
    return Instant.parse(text);
  }

  public static LocalDate parseLocalDate(String text) {
    return LocalDate.parse(text);
  }

  public static UUID parseUuid(String text) {
    return UUID.fromString(text);
  }

  private static <T> T parseNumber(String text, Function<String, T> parse, String expected) {
    try {
      return parse.apply(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected " + expected);
    }
  }

  /** @return whether an override exists for a field */
  public static boolean overridden(Map<String, String> overrides, String field) {
    return overrides.containsKey(field);
  }

  /**
   * @return the path of a field: {@code $.items} for an identifier, {@code $['b c']} otherwise. Generated readers
   *     call this for every field they decode, so it scans the name instead of matching a regular expression
   *     ({@code String.matches} compiles its pattern on every call).
   */
  public static String child(String path, String field) {
    if (field.length() > MAX_NAME_IN_PATH) {
      // a name this long is a mistake or an attack: an error that repeats it whole could outgrow the response it is in
      // (Lambda answers at most 6 MB), so a path shows its start
      int end = Character.isHighSurrogate(field.charAt(MAX_NAME_IN_PATH - 1)) ? MAX_NAME_IN_PATH - 1 : MAX_NAME_IN_PATH;
      return path + "['" + field.substring(0, end).replace("'", "\\'") + "…' (" + field.length() + " characters)]";
    }
    return isIdentifier(field) ? path + "." + field : path + "['" + field.replace("'", "\\'") + "']";
  }

  /** The longest field name a path shows whole. */
  static final int MAX_NAME_IN_PATH = 100;

  /** @return whether {@code name} matches {@code [A-Za-z_][A-Za-z0-9_]*} */
  static boolean isIdentifier(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      if (!letter && (i == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ scalars

  /** Reads a nullable reference: null in lenient mode, an error in strict mode. */
  private static boolean isNull(JsonParser p, String path, boolean strict) {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      if (strict) {
        throw new JsonInputException(path, "must not be null");
      }
      return true;
    }
    return false;
  }

  public static String readString(JsonParser p, String path, boolean strict) throws IOException {
    if (isNull(p, path, strict)) {
      return null;
    }
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw mismatch(p, path, "a string");
    }
    return p.getText();
  }

  public static Character readChar(JsonParser p, String path, boolean strict) throws IOException {
    String text = readString(p, path, strict);
    if (text == null) {
      return null;
    }
    if (text.length() != 1) {
      throw new JsonInputException(path, "expected a single character; found '" + text + "'");
    }
    return text.charAt(0);
  }

  public static Boolean readBoolean(JsonParser p, String path, boolean strict) throws IOException {
    if (isNull(p, path, strict)) {
      return null;
    }
    JsonToken token = p.currentToken();
    if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
      throw mismatch(p, path, "true or false");
    }
    return token == JsonToken.VALUE_TRUE;
  }

  public static Integer readInt(JsonParser p, String path, boolean strict) throws IOException {
    BigInteger value = readInteger(p, path, strict);
    if (value == null) {
      return null;
    }
    if (value.bitLength() > 31) {
      throw new JsonInputException(path, "expected a 32-bit integer; found " + value);
    }
    return value.intValue();
  }

  public static Long readLong(JsonParser p, String path, boolean strict) throws IOException {
    BigInteger value = readInteger(p, path, strict);
    if (value == null) {
      return null;
    }
    if (value.bitLength() > 63) {
      throw new JsonInputException(path, "expected a 64-bit integer; found " + value);
    }
    return value.longValue();
  }

  public static Short readShort(JsonParser p, String path, boolean strict) throws IOException {
    Integer value = readInt(p, path, strict);
    if (value != null && (value < Short.MIN_VALUE || value > Short.MAX_VALUE)) {
      throw new JsonInputException(path, "expected a 16-bit integer; found " + value);
    }
    return value == null ? null : value.shortValue();
  }

  public static Byte readByte(JsonParser p, String path, boolean strict) throws IOException {
    Integer value = readInt(p, path, strict);
    if (value != null && (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE)) {
      throw new JsonInputException(path, "expected an 8-bit integer; found " + value);
    }
    return value == null ? null : value.byteValue();
  }

  public static BigInteger readBigInteger(JsonParser p, String path, boolean strict) throws IOException {
    return readInteger(p, path, strict);
  }

  private static BigInteger readInteger(JsonParser p, String path, boolean strict) throws IOException {
    if (isNull(p, path, strict)) {
      return null;
    }
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw mismatch(p, path, "an integer");
    }
    return p.getBigIntegerValue();
  }

  public static Double readDouble(JsonParser p, String path, boolean strict) throws IOException {
    BigDecimal value = readBigDecimal(p, path, strict);
    return value == null ? null : finite(value.doubleValue(), value, path, "a double");
  }

  public static Float readFloat(JsonParser p, String path, boolean strict) throws IOException {
    BigDecimal value = readBigDecimal(p, path, strict);
    return value == null ? null : finite(value.floatValue(), value, path, "a float");
  }

  /** A number beyond the type's range would be written back as the string "Infinity", which no reader takes. */
  private static <N extends Number> N finite(N number, BigDecimal value, String path, String type) {
    if (Double.isInfinite(number.doubleValue())) {
      throw new JsonInputException(path, "expected a number within the range of " + type + "; found " + value);
    }
    return number;
  }

  public static BigDecimal readBigDecimal(JsonParser p, String path, boolean strict) throws IOException {
    if (isNull(p, path, strict)) {
      return null;
    }
    JsonToken token = p.currentToken();
    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
      throw mismatch(p, path, "a number");
    }
    return p.getDecimalValue();
  }

  public static Instant readInstant(JsonParser p, String path, boolean strict) throws IOException {
    return parse(readString(p, path, strict), path, Instant::parse, "an ISO-8601 instant like 2026-01-31T12:00:00Z");
  }

  public static LocalDate readLocalDate(JsonParser p, String path, boolean strict) throws IOException {
    return parse(readString(p, path, strict), path, LocalDate::parse, "an ISO-8601 date like 2026-01-31");
  }

  public static UUID readUuid(JsonParser p, String path, boolean strict) throws IOException {
    return parse(readString(p, path, strict), path, UUID::fromString, "a UUID");
  }

  /** Reads an enum constant by name. */
  public static <E extends Enum<E>> E readEnum(JsonParser p, String path, boolean strict, Function<String, E> valueOf, String constants)
      throws IOException {
    return parse(readString(p, path, strict), path, valueOf, "one of " + constants);
  }

  private static <T> T parse(String text, String path, Function<String, T> parser, String expected) {
    if (text == null) {
      return null;
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new JsonInputException(path, "expected " + expected + "; found '" + text + "'");
    }
  }

  // ------------------------------------------------------------------ containers

  public static <T> List<T> readList(JsonParser p, String path, boolean strict, JsonCodec.Reader<T> items) throws IOException {
    if (isNull(p, path, strict)) {
      return null;
    }
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw mismatch(p, path, "an array");
    }
    List<T> list = new ArrayList<>();
    int index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String itemPath = path + "[" + index++ + "]";
      T item = items.read(p, itemPath, true);
      list.add(item);
    }
    return Collections.unmodifiableList(list);
  }

  public static <T> Set<T> readSet(JsonParser p, String path, boolean strict, JsonCodec.Reader<T> items) throws IOException {
    List<T> list = readList(p, path, strict, items);
    return list == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(list));
  }

  public static <T> Map<String, T> readMap(JsonParser p, String path, boolean strict, JsonCodec.Reader<T> values) throws IOException {
    if (isNull(p, path, strict)) {
      return null;
    }
    startObject(p, path);
    Map<String, T> map = new LinkedHashMap<>();
    String key;
    while ((key = nextField(p)) != null) {
      map.put(key, values.read(p, child(path, key), true));
    }
    return Collections.unmodifiableMap(map);
  }

  public static <T> Optional<T> readOptional(JsonParser p, String path, JsonCodec.Reader<T> value) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return Optional.empty();
    }
    return Optional.of(value.read(p, path, true));
  }

  // ------------------------------------------------------------------ writers

  public static void writeString(JsonGenerator g, String value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value);
    }
  }

  /** Writes any scalar that is not a number or boolean as its string form. */
  public static void writeText(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value.toString());
    }
  }

  public static void writeEnum(JsonGenerator g, Enum<?> value) throws IOException {
    writeText(g, value == null ? null : value.name());
  }

  public static void writeNumber(JsonGenerator g, Number value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      g.writeNumber(value.intValue());
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof BigInteger b) {
      g.writeNumber(b);
    } else if (value instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (value instanceof Float f) {
      g.writeNumber(f);
    } else {
      g.writeNumber(value.doubleValue());
    }
  }

  public static void writeBoolean(JsonGenerator g, Boolean value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      g.writeBoolean(value);
    }
  }

  public static <T> void writeList(JsonGenerator g, java.util.Collection<T> values, JsonCodec.Writer<T> items) throws IOException {
    if (values == null) {
      g.writeNull();
      return;
    }
    g.writeStartArray();
    for (T value : values) {
      items.write(g, value);
    }
    g.writeEndArray();
  }

  public static <T> void writeMap(JsonGenerator g, Map<String, T> values, JsonCodec.Writer<T> items) throws IOException {
    if (values == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    for (Map.Entry<String, T> entry : new java.util.TreeMap<>(values).entrySet()) {
      g.writeFieldName(entry.getKey());
      items.write(g, entry.getValue());
    }
    g.writeEndObject();
  }

  public static <T> void writeOptional(JsonGenerator g, Optional<T> value, JsonCodec.Writer<T> writer) throws IOException {
    if (value == null || value.isEmpty()) {
      g.writeNull();
    } else {
      writer.write(g, value.get());
    }
  }

  /** Writes a record with its codec, or null. */
  public static <T> void writeRecord(JsonGenerator g, T value, JsonCodec.Writer<T> writer) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      writer.write(g, value);
    }
  }

  private static JsonInputException mismatch(JsonParser p, String path, String expected) {
    JsonToken token = p.currentToken();
    String found = switch (token == null ? JsonToken.NOT_AVAILABLE : token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> String.valueOf(token);
    };
    return new JsonInputException(path, "expected " + expected + "; found " + found);
  }
}
