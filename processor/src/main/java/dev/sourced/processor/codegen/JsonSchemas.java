package dev.sourced.processor.codegen;

import com.palantir.javapoet.ClassName;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.Component;
import dev.sourced.processor.model.JsonType;
import dev.sourced.processor.model.RecordShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * JSON Schema (2020-12, the dialect of OpenAPI 3.1) for the records of a model. Records refer to each
 * other with {@code $ref} under a prefix chosen by the document; each record's schema name is its simple
 * name, or its dotted canonical name when two records share a simple name.
 */
final class JsonSchemas {
  private final AppModel model;
  private final String refPrefix;
  private final Map<String, String> names = new HashMap<>();

  JsonSchemas(AppModel model, String refPrefix) {
    this.model = model;
    this.refPrefix = refPrefix;
    Map<String, Integer> simpleCounts = new HashMap<>();
    for (RecordShape shape : model.shapes().values()) {
      simpleCounts.merge(shape.name().simpleName(), 1, Integer::sum);
    }
    for (RecordShape shape : model.shapes().values()) {
      String simple = shape.name().simpleName();
      names.put(shape.name().canonicalName(), simpleCounts.get(simple) == 1 ? simple : shape.name().canonicalName());
    }
  }

  /** @return the schema name of a record */
  String name(ClassName record) {
    return names.get(record.canonicalName());
  }

  /** @return a {@code $ref} to a record's schema */
  Map<String, Object> ref(ClassName record) {
    Map<String, Object> ref = Json.object();
    ref.put("$ref", refPrefix + name(record));
    return ref;
  }

  /** @return every record schema, by schema name */
  Map<String, Object> all() {
    Map<String, Object> all = new TreeMap<>();
    for (RecordShape shape : model.shapes().values()) {
      all.put(name(shape.name()), record(shape, Set.of()));
    }
    return all;
  }

  /**
   * @param shape a record
   * @param optional components that need not be present even when the record requires them
   * @return its object schema
   */
  Map<String, Object> record(RecordShape shape, Set<String> optional) {
    Map<String, Object> schema = Json.object();
    schema.put("type", "object");
    Map<String, Object> properties = Json.object();
    List<String> required = new ArrayList<>();
    for (Component component : shape.components()) {
      properties.put(component.name(), of(component.type()));
      if (component.required() && !optional.contains(component.name())) {
        required.add(component.name());
      }
    }
    schema.put("properties", properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  /** @return the schema of one JSON type */
  Map<String, Object> of(JsonType type) {
    Map<String, Object> schema = Json.object();
    if (type instanceof JsonType.Scalar scalar) {
      schema.put("type", scalar.kind().schemaType);
      if (scalar.kind().format != null) {
        schema.put("format", scalar.kind().format);
      }
      if (scalar.kind() == JsonType.ScalarKind.CHAR) {
        schema.put("minLength", 1);
        schema.put("maxLength", 1);
      }
    } else if (type instanceof JsonType.ArrayOf array) {
      schema.put("type", "array");
      schema.put("items", of(array.items()));
      if (array.unique()) {
        schema.put("uniqueItems", true);
      }
    } else if (type instanceof JsonType.MapOf map) {
      schema.put("type", "object");
      schema.put("additionalProperties", of(map.values()));
    } else if (type instanceof JsonType.OptionalOf optional) {
      return of(optional.value());
    } else if (type instanceof JsonType.RecordRef record) {
      return ref(record.name());
    } else if (type instanceof JsonType.EnumRef enumRef) {
      schema.put("type", "string");
      schema.put("enum", enumRef.constants());
    }
    return schema;
  }
}
