package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.UNSUPPORTED_COMPONENT_TYPE;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.sourced.processor.model.Component;
import dev.sourced.processor.model.JsonType;
import dev.sourced.processor.model.JsonType.ScalarKind;
import dev.sourced.processor.model.RecordShape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads the JSON shape of records — commands, events, queries, views, snapshot states and every record
 * they contain — and keeps each shape read once, for the codecs and schemas.
 */
final class RecordShapeReader {
  private static final Map<String, ScalarKind> SCALARS =
      Map.ofEntries(
          Map.entry("java.lang.String", ScalarKind.STRING),
          Map.entry("java.lang.Boolean", ScalarKind.BOOLEAN),
          Map.entry("java.lang.Integer", ScalarKind.INT),
          Map.entry("java.lang.Long", ScalarKind.LONG),
          Map.entry("java.lang.Short", ScalarKind.SHORT),
          Map.entry("java.lang.Byte", ScalarKind.BYTE),
          Map.entry("java.lang.Double", ScalarKind.DOUBLE),
          Map.entry("java.lang.Float", ScalarKind.FLOAT),
          Map.entry("java.lang.Character", ScalarKind.CHAR),
          Map.entry("java.math.BigDecimal", ScalarKind.BIG_DECIMAL),
          Map.entry("java.math.BigInteger", ScalarKind.BIG_INTEGER),
          Map.entry("java.time.Instant", ScalarKind.INSTANT),
          Map.entry("java.time.LocalDate", ScalarKind.LOCAL_DATE),
          Map.entry("java.util.UUID", ScalarKind.UUID));

  private final ElementTools tools;
  private final SortedMap<String, RecordShape> shapes = new TreeMap<>();
  private final Set<String> inProgress = new HashSet<>();

  RecordShapeReader(ElementTools tools) {
    this.tools = tools;
  }

  /** @return every shape read, by class name */
  SortedMap<String, RecordShape> shapes() {
    return shapes;
  }

  /** The JSON shape of a record and the records it contains; null (reported) if a type has no mapping. */
  RecordShape shape(TypeElement record, Reports reports) {
    String key = ClassName.get(record).canonicalName();
    if (shapes.containsKey(key)) {
      return shapes.get(key);
    }
    if (!inProgress.add(key)) {
      return new RecordShape(ClassName.get(record), List.of()); // a cycle: the outer call completes it
    }
    List<Component> components = new ArrayList<>();
    boolean ok = true;
    for (RecordComponentElement component : record.getRecordComponents()) {
      JsonType type = jsonType(component.asType(), reports);
      if (type == null) {
        reports.add(ElementTools.position(component), UNSUPPORTED_COMPONENT_TYPE, component.getSimpleName(),
            record.getSimpleName(), component.asType());
        ok = false;
        continue;
      }
      components.add(new Component(component.getSimpleName().toString(), type, TypeName.get(component.asType()),
          ElementTools.isAggregateId(component)));
    }
    inProgress.remove(key);
    if (!ok) {
      return null;
    }
    RecordShape shape = new RecordShape(ClassName.get(record), components);
    shapes.put(key, shape);
    return shape;
  }

  /** @return the JSON type of a Java type, or null when it has none (records inside it report their own) */
  JsonType jsonType(TypeMirror type, Reports reports) {
    JsonType primitive = primitive(type);
    if (primitive != null || type.getKind() != TypeKind.DECLARED) {
      return primitive;
    }
    TypeElement element = (TypeElement) tools.types.asElement(type);
    String name = element.getQualifiedName().toString();
    if (SCALARS.containsKey(name)) {
      return new JsonType.Scalar(SCALARS.get(name), false);
    }
    switch (name) {
      case "java.util.List":
      case "java.util.Set":
        return collection(type, name.endsWith("Set"), reports);
      case "java.util.Map":
        return map(type, reports);
      case "java.util.Optional":
        return optional(type, reports);
      default:
        return userType(element, reports);
    }
  }

  private static JsonType primitive(TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN: return new JsonType.Scalar(ScalarKind.BOOLEAN, true);
      case INT: return new JsonType.Scalar(ScalarKind.INT, true);
      case LONG: return new JsonType.Scalar(ScalarKind.LONG, true);
      case SHORT: return new JsonType.Scalar(ScalarKind.SHORT, true);
      case BYTE: return new JsonType.Scalar(ScalarKind.BYTE, true);
      case DOUBLE: return new JsonType.Scalar(ScalarKind.DOUBLE, true);
      case FLOAT: return new JsonType.Scalar(ScalarKind.FLOAT, true);
      case CHAR: return new JsonType.Scalar(ScalarKind.CHAR, true);
      default: return null;
    }
  }

  private JsonType collection(TypeMirror type, boolean set, Reports reports) {
    JsonType items = argument(type, 0, reports);
    return items == null ? null : new JsonType.ArrayOf(items, set);
  }

  private JsonType map(TypeMirror type, Reports reports) {
    if (ElementTools.typeArgument(type, 0).filter(k -> tools.isType(k, "java.lang.String")).isEmpty()) {
      return null;
    }
    JsonType values = argument(type, 1, reports);
    return values == null ? null : new JsonType.MapOf(values);
  }

  private JsonType optional(TypeMirror type, Reports reports) {
    JsonType value = argument(type, 0, reports);
    return value == null || value instanceof JsonType.OptionalOf ? null : new JsonType.OptionalOf(value);
  }

  private JsonType argument(TypeMirror type, int index, Reports reports) {
    return ElementTools.typeArgument(type, index).map(t -> jsonType(t, reports)).orElse(null);
  }

  private JsonType userType(TypeElement element, Reports reports) {
    if (element.getKind() == ElementKind.ENUM) {
      if (!ElementTools.isAccessible(element)) {
        return null;
      }
      List<String> constants = element.getEnclosedElements().stream()
          .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
          .map(e -> e.getSimpleName().toString()).toList();
      return new JsonType.EnumRef(ClassName.get(element), constants);
    }
    if (element.getKind() == ElementKind.RECORD && ElementTools.isAccessible(element) && shape(element, reports) != null) {
      return new JsonType.RecordRef(ClassName.get(element));
    }
    return null;
  }
}
