package dev.sourced.processor.codegen;

import static dev.sourced.processor.codegen.Sources.GENERATED;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.TypeVariableName;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.Component;
import dev.sourced.processor.model.JsonType;
import dev.sourced.processor.model.JsonType.ScalarKind;
import dev.sourced.processor.model.RecordShape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code SourcedAppJson}: a streaming JSON reader and writer for every record of the model,
 * using Jackson's core parser and generator only (no reflection, no databind). Readers name the JSON
 * path of every problem.
 */
public final class CodecWriter {
  private static final String RUNTIME_JSON = "dev.sourced.runtime.json";
  private static final ClassName JSON = ClassName.get(RUNTIME_JSON, "Json");
  private static final ClassName CODEC = ClassName.get(RUNTIME_JSON, "JsonCodec");
  private static final ClassName PARSER = ClassName.get("com.fasterxml.jackson.core", "JsonParser");
  private static final ClassName GENERATOR = ClassName.get("com.fasterxml.jackson.core", "JsonGenerator");
  private static final TypeName OVERRIDES = ParameterizedTypeName.get(Map.class, String.class, String.class);

  /** The JSON codecs' method name per record (canonical name), e.g. {@code BookLent}. */
  private Map<String, String> methodNames;
  /** The class whose static methods read and write a record, by the record's canonical name. */
  private final Map<String, ClassName> owners = new HashMap<>();
  /** The class being written: calls within it need no qualifier. */
  private ClassName current;
  /** The class being written's functions that parse path parameters, by what they call. */
  private final Map<String, FieldSpec> parsers = new java.util.LinkedHashMap<>();
  private final java.util.Set<String> parserNames = new java.util.HashSet<>();

  public void write(AppModel model, Output output) {
    ClassName name = GeneratedNames.codecs(model);
    methodNames = methodNames(model);
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc("JSON codecs of every record of application {@code $L}: streaming, without reflection.\n", model.name())
        .addAnnotation(GENERATED)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ClassName.get(RUNTIME_JSON, "JsonCodecs"));
    type.addField(FieldSpec.builder(name, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .initializer("new $T()", name).build());
    TypeName codecMap = ParameterizedTypeName.get(ClassName.get(Map.class), ParameterizedTypeName.get(ClassName.get(Class.class),
        com.squareup.javapoet.WildcardTypeName.subtypeOf(Object.class)), ParameterizedTypeName.get(CODEC,
        com.squareup.javapoet.WildcardTypeName.subtypeOf(Object.class)));
    type.addField(FieldSpec.builder(codecMap, "CODECS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("codecs()").build());
    TypeVariableName t = TypeVariableName.get("T");
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addJavadoc("Public for tools; use {@link #INSTANCE}.\n").build());
    type.addMethod(MethodSpec.methodBuilder("codec")
        .addAnnotation(Override.class)
        .addAnnotation(com.squareup.javapoet.AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build())
        .addModifiers(Modifier.PUBLIC)
        .addTypeVariable(t)
        .returns(ParameterizedTypeName.get(CODEC, t))
        .addParameter(ParameterizedTypeName.get(ClassName.get(Class.class), t), "type")
        .addStatement("$T<?> codec = CODECS.get(type)", CODEC)
        .beginControlFlow("if (codec == null)")
        .addStatement("throw new $T($S + type.getName())", IllegalArgumentException.class,
            "application " + model.name() + " has no JSON codec for ")
        .endControlFlow()
        .addStatement("return ($T<T>) codec", CODEC)
        .build());

    // the records' codecs live in nested classes of bounded size, so that no class nears the JVM's limit
    // of 65,535 constants however many records the application has; each class is the JsonCodec of its
    // records, choosing by index, rather than a pair of method references per record: javac's cost per
    // lambda or method reference grows with how many it has seen, which made large apps compile slowly
    List<List<RecordShape>> chunks = Chunks.of(List.copyOf(model.shapes().values()), s -> 4 + s.components().size(),
        Chunks.CODECS);
    List<ClassName> chunkClasses = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      ClassName owner = name.nestedClass("Codecs" + i);
      chunkClasses.add(owner);
      chunks.get(i).forEach(shape -> owners.put(shape.name().canonicalName(), owner));
    }
    MethodSpec.Builder all = MethodSpec.methodBuilder("codecs").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(codecMap)
        .addStatement("$T codecs = new $T<>($L)", codecMap, HashMap.class, model.shapes().size() * 4 / 3 + 1);
    chunkClasses.forEach(chunk -> all.addStatement("$T.register(codecs)", chunk));
    type.addMethod(all.addStatement("return $T.copyOf(codecs)", Map.class).build());
    for (int i = 0; i < chunks.size(); i++) {
      current = chunkClasses.get(i);
      type.addType(chunkClass(current, chunks.get(i), codecMap));
    }
    output.java(Sources.file(model.packageName(), type.build()), RegistryWriter.originating(model));
  }

  /** One class of codecs: its records' readers and writers, and itself as the codec of each by index. */
  private TypeSpec chunkClass(ClassName name, List<RecordShape> shapes, TypeName codecMap) {
    TypeSpec.Builder chunk = TypeSpec.classBuilder(name).addModifiers(Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(CODEC, ClassName.OBJECT))
        .addField(int.class, "record", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).addParameter(int.class, "record")
            .addStatement("this.record = record").build());
    MethodSpec.Builder register = MethodSpec.methodBuilder("register").addModifiers(Modifier.STATIC)
        .addParameter(codecMap, "codecs");
    MethodSpec.Builder read = MethodSpec.methodBuilder("read").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(Object.class).addParameter(PARSER, "p").addParameter(String.class, "path")
        .addParameter(boolean.class, "strict").addParameter(OVERRIDES, "overrides").addException(IOException.class)
        .beginControlFlow("switch (record)");
    MethodSpec.Builder write = MethodSpec.methodBuilder("write").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .addParameter(GENERATOR, "g").addParameter(Object.class, "value").addException(IOException.class)
        .beginControlFlow("switch (record)");
    for (int i = 0; i < shapes.size(); i++) {
      RecordShape shape = shapes.get(i);
      String method = methodNames.get(shape.name().canonicalName());
      register.addStatement("codecs.put($T.class, new $T($L))", shape.name(), name, i);
      read.addStatement("case $L: return read$L(p, path, strict, overrides)", i, method);
      write.addCode("case $L:\n$>", i).addStatement("write$L(g, ($T) value)", method, shape.name()).addStatement("return")
          .addCode("$<");
    }
    String unknown = "no codec number ";
    read.addStatement("default: throw new $T($S + record)", IllegalStateException.class, unknown).endControlFlow();
    write.addStatement("default: throw new $T($S + record)", IllegalStateException.class, unknown).endControlFlow();
    chunk.addMethod(register.build()).addMethod(read.build()).addMethod(write.build());
    parsers.clear();
    parserNames.clear();
    for (RecordShape shape : shapes) {
      String method = methodNames.get(shape.name().canonicalName());
      chunk.addMethod(reader(shape, method));
      chunk.addMethod(writer(shape, method));
    }
    parsers.values().forEach(chunk::addField);
    return chunk.build();
  }

  /** @return how code in the class being written calls a static method of the class holding a record's codec */
  private CodeBlock qualifier(ClassName record) {
    ClassName owner = owners.get(record.canonicalName());
    return owner.equals(current) ? CodeBlock.of("") : CodeBlock.of("$T.", owner);
  }

  /** Simple names, or canonical names with underscores where simple names clash. */
  private static Map<String, String> methodNames(AppModel model) {
    Map<String, Long> counts = model.shapes().values().stream()
        .collect(Collectors.groupingBy(s -> s.name().simpleName(), Collectors.counting()));
    Map<String, String> names = new HashMap<>();
    for (RecordShape shape : model.shapes().values()) {
      String simple = String.join("_", shape.name().simpleNames());
      names.put(shape.name().canonicalName(),
          counts.get(shape.name().simpleName()) == 1 ? simple : shape.name().canonicalName().replace('.', '_'));
    }
    return names;
  }

  private MethodSpec reader(RecordShape shape, String method) {
    MethodSpec.Builder read = MethodSpec.methodBuilder("read" + method)
        .addModifiers(Modifier.STATIC)
        .returns(shape.name())
        .addParameter(PARSER, "p")
        .addParameter(String.class, "path")
        .addParameter(boolean.class, "strict")
        .addParameter(OVERRIDES, "overrides")
        .addException(IOException.class)
        .addStatement("$T.startObject(p, path)", JSON);
    for (Component c : shape.components()) {
      read.addStatement("$T $N = $L", c.javaType(), local(c), initial(c));
      read.addStatement("boolean $N = false", present(c));
    }
    read.addStatement("String field");
    read.beginControlFlow("while ((field = $T.nextField(p)) != null)", JSON);
    read.beginControlFlow("switch (field)");
    for (Component c : shape.components()) {
      read.addCode("case $S:\n", c.name()).addCode("$>");
      read.addStatement("$N = $L", local(c), readValue(c.type(), "p", CodeBlock.of("$T.child(path, $S)", JSON, c.name()),
          isPrimitive(c.type()) ? "true" : "strict", 0));
      read.addStatement("$N = true", present(c));
      read.addStatement("break").addCode("$<");
    }
    read.addCode("default:\n$>");
    read.addStatement("$T.unknownField(p, path, field, strict, $S)", JSON,
        shape.components().stream().map(Component::name).collect(Collectors.joining(", ")));
    read.addCode("$<");
    read.endControlFlow().endControlFlow();
    for (Component c : shape.components()) {
      CodeBlock parser = textParser(c);
      if (parser != null) {
        read.beginControlFlow("if ($T.overridden(overrides, $S))", JSON, c.name())
            // the type argument given, not inferred: javac's inference at every component was a large part of compiling codecs
            .addStatement("$N = $T.<$T>override(overrides, path, $S, $N, $N, $L)", local(c), JSON, c.javaType().box(), c.name(),
                local(c), present(c), parser)
            .addStatement("$N = true", present(c))
            .endControlFlow();
      }
    }
    for (Component c : shape.components()) {
      if (isPrimitive(c.type())) {
        read.addStatement("$T.requirePrimitive($N, path, $S)", JSON, present(c), c.name());
      } else if (c.required()) {
        read.addStatement("$T.require($N, path, $S, strict)", JSON, present(c), c.name());
      }
    }
    read.addStatement("return new $T($L)", shape.name(),
        shape.components().stream().map(c -> "_" + c.name()).collect(Collectors.joining(", ")));
    return read.build();
  }

  private MethodSpec writer(RecordShape shape, String method) {
    MethodSpec.Builder write = MethodSpec.methodBuilder("write" + method)
        .addModifiers(Modifier.STATIC)
        .addParameter(GENERATOR, "g")
        .addParameter(shape.name(), "value")
        .addException(IOException.class)
        .addStatement("g.writeStartObject()");
    for (Component c : shape.components()) {
      write.addStatement("g.writeFieldName($S)", c.name());
      write.addStatement(writeValue(c.type(), "g", CodeBlock.of("value.$N()", c.name()), 0));
    }
    write.addStatement("g.writeEndObject()");
    return write.build();
  }

  private CodeBlock readValue(JsonType type, String p, CodeBlock path, String strict, int depth) {
    if (type instanceof JsonType.Scalar scalar) {
      return CodeBlock.of("$T.$L($L, $L, $L)", JSON, scalarReader(scalar.kind()), p, path, strict);
    }
    if (type instanceof JsonType.EnumRef enumRef) {
      return CodeBlock.of("$T.readEnum($L, $L, $L, $T::valueOf, $S)", JSON, p, path, strict, enumRef.name(),
          String.join(", ", enumRef.constants()));
    }
    if (type instanceof JsonType.RecordRef record) {
      return CodeBlock.of("$Lread$L($L, $L, $L, $T.of())", qualifier(record.name()), methodNames.get(record.name().canonicalName()),
          p, path, strict, Map.class);
    }
    String q = "p" + (depth + 1);
    String qPath = "path" + (depth + 1);
    String qStrict = "strict" + (depth + 1);
    if (type instanceof JsonType.ArrayOf array) {
      return CodeBlock.of("$T.$L($L, $L, $L, ($L, $L, $L) -> $L)", JSON, array.unique() ? "readSet" : "readList", p, path, strict,
          q, qPath, qStrict, readValue(array.items(), q, CodeBlock.of(qPath), qStrict, depth + 1));
    }
    if (type instanceof JsonType.MapOf map) {
      return CodeBlock.of("$T.readMap($L, $L, $L, ($L, $L, $L) -> $L)", JSON, p, path, strict,
          q, qPath, qStrict, readValue(map.values(), q, CodeBlock.of(qPath), qStrict, depth + 1));
    }
    JsonType.OptionalOf optional = (JsonType.OptionalOf) type;
    return CodeBlock.of("$T.readOptional($L, $L, ($L, $L, $L) -> $L)", JSON, p, path,
        q, qPath, qStrict, readValue(optional.value(), q, CodeBlock.of(qPath), qStrict, depth + 1));
  }

  private CodeBlock writeValue(JsonType type, String g, CodeBlock value, int depth) {
    if (type instanceof JsonType.Scalar scalar) {
      ScalarKind kind = scalar.kind();
      if (scalar.primitive()) {
        return switch (kind) {
          case BOOLEAN -> CodeBlock.of("$L.writeBoolean($L)", g, value);
          case CHAR -> CodeBlock.of("$L.writeString($T.valueOf($L))", g, String.class, value);
          case BYTE, SHORT -> CodeBlock.of("$L.writeNumber((int) $L)", g, value);
          default -> CodeBlock.of("$L.writeNumber($L)", g, value);
        };
      }
      return switch (kind) {
        case STRING -> CodeBlock.of("$T.writeString($L, $L)", JSON, g, value);
        case BOOLEAN -> CodeBlock.of("$T.writeBoolean($L, $L)", JSON, g, value);
        case INT, LONG, SHORT, BYTE, DOUBLE, FLOAT, BIG_DECIMAL, BIG_INTEGER -> CodeBlock.of("$T.writeNumber($L, $L)", JSON, g, value);
        default -> CodeBlock.of("$T.writeText($L, $L)", JSON, g, value);
      };
    }
    if (type instanceof JsonType.EnumRef) {
      return CodeBlock.of("$T.writeEnum($L, $L)", JSON, g, value);
    }
    if (type instanceof JsonType.RecordRef record) {
      return CodeBlock.of("$T.writeRecord($L, $L, $T::write$L)", JSON, g, value, owners.get(record.name().canonicalName()),
          methodNames.get(record.name().canonicalName()));
    }
    String h = "g" + (depth + 1);
    String v = "v" + (depth + 1);
    if (type instanceof JsonType.ArrayOf array) {
      return CodeBlock.of("$T.writeList($L, $L, ($L, $L) -> $L)", JSON, g, value, h, v,
          writeValue(array.items(), h, CodeBlock.of(v), depth + 1));
    }
    if (type instanceof JsonType.MapOf map) {
      return CodeBlock.of("$T.writeMap($L, $L, ($L, $L) -> $L)", JSON, g, value, h, v,
          writeValue(map.values(), h, CodeBlock.of(v), depth + 1));
    }
    JsonType.OptionalOf optional = (JsonType.OptionalOf) type;
    return CodeBlock.of("$T.writeOptional($L, $L, ($L, $L) -> $L)", JSON, g, value, h, v,
        writeValue(optional.value(), h, CodeBlock.of(v), depth + 1));
  }

  /**
   * How a path or query-string parameter is read into a component: scalars, enums and Optionals of
   * them. Null for types that cannot come from text.
   */
  private CodeBlock textParser(Component c) {
    CodeBlock call = textParseCall(c.type(), "text");
    if (call == null) {
      return null;
    }
    // one shared function per type and class of codecs, not a lambda per component: javac's cost per
    // lambda grows with how many it has seen
    FieldSpec parser = parsers.get(call.toString());
    if (parser == null) {
      String name = "PARSE_" + parserName(c.type());
      String unique = name;
      for (int n = 2; parserNames.contains(unique); n++) {
        unique = name + "_" + n;
      }
      parserNames.add(unique);
      parser = FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(java.util.function.Function.class),
              ClassName.get(String.class), c.javaType().box()), unique, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("text -> $L", call).build();
      parsers.put(call.toString(), parser);
    }
    return CodeBlock.of("$N", parser);
  }

  private static String parserName(JsonType type) {
    if (type instanceof JsonType.Scalar scalar) {
      return scalar.kind().name();
    }
    if (type instanceof JsonType.EnumRef enumRef) {
      return String.join("_", enumRef.name().simpleNames()).replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }
    return "OPTIONAL_" + parserName(((JsonType.OptionalOf) type).value());
  }

  private static CodeBlock textParseCall(JsonType type, String text) {
    if (type instanceof JsonType.Scalar scalar) {
      return CodeBlock.of("$T.$L($L)", JSON, scalarReader(scalar.kind()).replaceFirst("^read", "parse"), text);
    }
    if (type instanceof JsonType.EnumRef enumRef) {
      return CodeBlock.of("$T.valueOf($L)", enumRef.name(), text);
    }
    if (type instanceof JsonType.OptionalOf optional && !(optional.value() instanceof JsonType.OptionalOf)) {
      CodeBlock inner = textParseCall(optional.value(), text);
      return inner == null ? null : CodeBlock.of("$T.of($L)", java.util.Optional.class, inner);
    }
    return null;
  }

  private static String scalarReader(ScalarKind kind) {
    return switch (kind) {
      case STRING -> "readString";
      case BOOLEAN -> "readBoolean";
      case INT -> "readInt";
      case LONG -> "readLong";
      case SHORT -> "readShort";
      case BYTE -> "readByte";
      case DOUBLE -> "readDouble";
      case FLOAT -> "readFloat";
      case CHAR -> "readChar";
      case BIG_DECIMAL -> "readBigDecimal";
      case BIG_INTEGER -> "readBigInteger";
      case INSTANT -> "readInstant";
      case LOCAL_DATE -> "readLocalDate";
      case UUID -> "readUuid";
    };
  }

  private static boolean isPrimitive(JsonType type) {
    return type instanceof JsonType.Scalar scalar && scalar.primitive();
  }

  private static CodeBlock initial(Component c) {
    if (c.type() instanceof JsonType.OptionalOf) {
      return CodeBlock.of("$T.empty()", java.util.Optional.class);
    }
    if (!isPrimitive(c.type())) {
      return CodeBlock.of("null");
    }
    return switch (((JsonType.Scalar) c.type()).kind()) {
      case BOOLEAN -> CodeBlock.of("false");
      case CHAR -> CodeBlock.of("'\\0'");
      case LONG -> CodeBlock.of("0L");
      case DOUBLE -> CodeBlock.of("0.0");
      case FLOAT -> CodeBlock.of("0.0f");
      default -> CodeBlock.of("0");
    };
  }

  private static String local(Component c) {
    return "_" + c.name();
  }

  private static String present(Component c) {
    return "_has_" + c.name();
  }
}
