package dev.sourced.processor.codegen;

import static dev.sourced.processor.codegen.Sources.API;
import static dev.sourced.processor.codegen.Sources.GENERATED;
import static dev.sourced.processor.codegen.Sources.SPI;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.sourced.processor.model.QueryHandlerMethod;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Writes one query dispatcher per class that declares {@code @QueryHandler} methods. */
public final class QueryWriter {
  private static final ClassName VIEWS = ClassName.get(API, "Views");

  /**
   * @param owner the class declaring the handlers
   * @param handlers its handlers, sorted
   */
  public void write(ClassName owner, List<QueryHandlerMethod> handlers, Output output) {
    ClassName name = GeneratedNames.queryDispatcher(owner);
    MethodSpec.Builder invoke = MethodSpec.methodBuilder("invoke")
        .addJavadoc("@return the handler's answer; {@code null} or an empty {@code Optional} for not found\n")
        .addModifiers(Modifier.PUBLIC)
        .addAnnotation(Override.class)
        .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build())
        .returns(ClassName.OBJECT)
        .addParameter(ClassName.get(Record.class), "query")
        .addParameter(ParameterizedTypeName.get(VIEWS, WildcardTypeName.subtypeOf(Object.class)), "views");
    boolean instance = false;
    for (QueryHandlerMethod handler : handlers) {
      ParameterizedTypeName views = ParameterizedTypeName.get(VIEWS, handler.viewType());
      if (handler.isStatic()) {
        invoke.addStatement("if (query instanceof $T q) return $T.$L(q, ($T) views)", handler.query(), owner, handler.method(), views);
      } else {
        instance = true;
        invoke.addStatement("if (query instanceof $T q) return target.$L(q, ($T) views)", handler.query(), handler.method(), views);
      }
    }
    invoke.addStatement("throw $T.unknown($S, $S, query)", ClassName.get(SPI, "Dispatch"), name.simpleName(), "query");
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc("Dispatches queries to the {@code @QueryHandler} methods of {@link $T}.\n", owner)
        .addAnnotation(GENERATED)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        // the registry hands the dispatcher itself to its queries: no method reference per query to compile
        .addSuperinterface(ClassName.get(SPI, "QueryDefinition", "Invoker"));
    if (instance) {
      type.addField(FieldSpec.builder(owner, "target", Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new $T()", owner).build());
    }
    type.addMethod(invoke.build());
    output.java(Sources.file(owner.packageName(), type.build()), List.of(owner));
  }
}
