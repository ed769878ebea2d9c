package dev.sourced.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/** The JSON shape of a Java type that may appear in commands, events, queries and views. */
public sealed interface JsonType {

  /** Scalar kinds, with their JSON Schema type and format. */
  enum ScalarKind {
    STRING("string", null),
    BOOLEAN("boolean", null),
    INT("integer", "int32"),
    LONG("integer", "int64"),
    SHORT("integer", "int32"),
    BYTE("integer", "int32"),
    DOUBLE("number", "double"),
    FLOAT("number", "float"),
    CHAR("string", null),
    BIG_DECIMAL("number", null),
    BIG_INTEGER("integer", null),
    INSTANT("string", "date-time"),
    LOCAL_DATE("string", "date"),
    UUID("string", "uuid");

    public final String schemaType;
    public final String format;

    ScalarKind(String schemaType, String format) {
      this.schemaType = schemaType;
      this.format = format;
    }
  }

  /** A scalar; {@code primitive} tells whether it can never be null. */
  record Scalar(ScalarKind kind, boolean primitive) implements JsonType {}

  /** A List or Set. */
  record ArrayOf(JsonType items, boolean unique) implements JsonType {}

  /** A Map with String keys. */
  record MapOf(JsonType values) implements JsonType {}

  /** An Optional: may be absent. */
  record OptionalOf(JsonType value) implements JsonType {}

  /** A nested record, described in the model's shapes. */
  record RecordRef(ClassName name) implements JsonType {}

  /** An enum and its constants in declaration order. */
  record EnumRef(ClassName name, List<String> constants) implements JsonType {}
}
