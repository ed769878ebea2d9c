package dev.sourced.processor.codegen;

import static dev.sourced.processor.codegen.Sources.GENERATED;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.Component;
import dev.sourced.processor.model.JsonType;
import dev.sourced.processor.model.RecordShape;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code SourcedAppJson}: the JSON codec of every record of the model, as a table of each record's
 * components that the runtime's {@code RecordCodec} reads and writes by, with Jackson's core parser and generator
 * only (no reflection, no databind). Readers name the JSON path of every problem.
 */
public final class CodecWriter {
  private static final String RUNTIME_JSON = "dev.sourced.runtime.json";
  private static final ClassName CODEC = ClassName.get(RUNTIME_JSON, "JsonCodec");
  private static final ClassName RECORD_CODEC = ClassName.get(RUNTIME_JSON, "RecordCodec");
  private static final ClassName RECORDS = RECORD_CODEC.nestedClass("Records");
  private static final ClassName VALUE = ClassName.get(RUNTIME_JSON, "JsonValue");
  private static final ClassName VALUES = ClassName.get(RUNTIME_JSON, "JsonValues");

  public void write(AppModel model, Output output) {
    ClassName name = GeneratedNames.codecs(model);
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc("JSON codecs of every record of application {@code $L}: streaming, without reflection; each made when\n"
            + "it is first asked for.\n", model.name())
        .addAnnotation(GENERATED)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(ClassName.get(RUNTIME_JSON, "GeneratedCodecs"));
    type.addField(FieldSpec.builder(name, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .initializer("new $T()", name).build());
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addJavadoc("Public for tools; use {@link #INSTANCE}.\n")
        .addStatement("super($S)", model.name()).build());

    // the records' codecs live in nested classes of bounded size, so that no class nears the JVM's limit
    // of 65,535 constants however many records the application has; each class is the JsonCodec of its
    // records, choosing by index, rather than a pair of method references per record: javac's cost per
    // lambda or method reference grows with how many it has seen, which made large apps compile slowly
    List<List<RecordShape>> chunks = Chunks.of(List.copyOf(model.shapes().values()), s -> 4 + s.components().size(),
        Chunks.CODECS);
    List<ClassName> chunkClasses = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      chunkClasses.add(name.nestedClass("Codecs" + i));
    }
    List<List<String>> keys = chunks.stream().map(c -> c.stream().map(shape -> shape.name().reflectionName()).toList()).toList();
    type.addMethod(MethodSpec.methodBuilder("typeKeys").addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
        .returns(String[][].class).addStatement(RegistryWriter.addKeys(type, name, "TypeKeys", keys)).build());
    MethodSpec.Builder make = MethodSpec.methodBuilder("make").addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
        .returns(ParameterizedTypeName.get(CODEC, WildcardTypeName.subtypeOf(Object.class)))
        .addParameter(int.class, "chunk").addParameter(int.class, "index")
        .beginControlFlow("switch (chunk)");
    for (int i = 0; i < chunkClasses.size(); i++) {
      make.addStatement("case $L: return $T.make(index)", i, chunkClasses.get(i));
    }
    type.addMethod(make.addStatement("default: throw new $T($S + chunk)", IllegalArgumentException.class, "no chunk number ")
        .endControlFlow().build());
    for (int i = 0; i < chunks.size(); i++) {
      type.addType(chunkClass(chunkClasses.get(i), chunks.get(i)));
    }
    output.java(Sources.file(model.packageName(), type.build()), RegistryWriter.originating(model));
  }

  /**
   * One class of codecs: the table of each record's components (names and {@code JsonValue}s) that a runtime
   * {@code RecordCodec} reads and writes by, and the two switches only generated code can do without reflection:
   * making each record from its components, and taking them out of it. A table entry per component instead of a
   * reader and a writer per record keeps the generated source small, which is most of what compiling it costs.
   */
  private TypeSpec chunkClass(ClassName name, List<RecordShape> shapes) {
    TypeSpec.Builder chunk = TypeSpec.classBuilder(name).addModifiers(Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(RECORDS)
        .addField(FieldSpec.builder(name, "RECORDS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("new $T()", name).build());
    MethodSpec.Builder make = MethodSpec.methodBuilder("make").addModifiers(Modifier.STATIC)
        .returns(ParameterizedTypeName.get(CODEC, WildcardTypeName.subtypeOf(Object.class)))
        .addParameter(int.class, "index")
        .beginControlFlow("switch (index)");
    MethodSpec.Builder construct = MethodSpec.methodBuilder("construct").addAnnotation(Override.class)
        .addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build())
        .addModifiers(Modifier.PUBLIC).returns(Object.class)
        .addParameter(int.class, "record").addParameter(Object[].class, "c")
        .beginControlFlow("switch (record)");
    MethodSpec.Builder components = MethodSpec.methodBuilder("components").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(Object[].class)
        .addParameter(int.class, "record").addParameter(Object.class, "value")
        .beginControlFlow("switch (record)");
    for (int i = 0; i < shapes.size(); i++) {
      RecordShape shape = shapes.get(i);
      CodeBlock.Builder names = CodeBlock.builder();
      CodeBlock.Builder values = CodeBlock.builder();
      CodeBlock.Builder arguments = CodeBlock.builder();
      CodeBlock.Builder taken = CodeBlock.builder();
      for (int j = 0; j < shape.components().size(); j++) {
        Component c = shape.components().get(j);
        String separator = j == 0 ? "" : ", ";
        names.add("$L$S", separator, c.name());
        values.add("$L$L", separator, value(c.type(), isPrimitive(c.type())));
        // a cast to the boxed type: a primitive component is unboxed by the constructor call
        arguments.add("$L($T) c[$L]", separator, c.javaType().box(), j);
        taken.add("$Lv.$N()", separator, c.name());
      }
      make.addStatement("case $L: return new $T(RECORDS, $L, new String[] {$L}, new $T[] {$L})", i, RECORD_CODEC, i,
          names.build(), VALUE, values.build());
      construct.addStatement("case $L: return new $T($L)", i, shape.name(), arguments.build());
      components.addCode("case $L: {\n$>", i)
          .addStatement("$T v = ($T) value", shape.name(), shape.name())
          .addStatement("return new Object[] {$L}", taken.build())
          .addCode("$<}\n");
    }
    String unknown = "no codec number ";
    make.addStatement("default: throw new $T($S + index)", IllegalArgumentException.class, unknown).endControlFlow();
    construct.addStatement("default: throw new $T($S + record)", IllegalStateException.class, unknown).endControlFlow();
    components.addStatement("default: throw new $T($S + record)", IllegalStateException.class, unknown).endControlFlow();
    return chunk.addMethod(make.build()).addMethod(construct.build()).addMethod(components.build()).build();
  }

  /** @return the {@code JsonValue} of a type: a constant of {@code JsonValues}, or a call making one */
  private CodeBlock value(JsonType type, boolean primitive) {
    if (type instanceof JsonType.Scalar scalar) {
      return CodeBlock.of("$T.$L$L", VALUES, primitive ? "PRIMITIVE_" : "", scalar.kind().name());
    }
    if (type instanceof JsonType.EnumRef enumRef) {
      return CodeBlock.of("$T.enumOf($T.class, $S)", VALUES, enumRef.name(), String.join(", ", enumRef.constants()));
    }
    if (type instanceof JsonType.RecordRef record) {
      return CodeBlock.of("$T.record($T.class, INSTANCE)", VALUES, record.name());
    }
    if (type instanceof JsonType.ArrayOf array) {
      return CodeBlock.of("$T.$L($L)", VALUES, array.unique() ? "setOf" : "listOf", value(array.items(), false));
    }
    if (type instanceof JsonType.MapOf map) {
      return CodeBlock.of("$T.mapOf($L)", VALUES, value(map.values(), false));
    }
    return CodeBlock.of("$T.optionalOf($L)", VALUES, value(((JsonType.OptionalOf) type).value(), false));
  }

  private static boolean isPrimitive(JsonType type) {
    return type instanceof JsonType.Scalar scalar && scalar.primitive();
  }
}
