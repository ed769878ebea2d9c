package dev.sourced.processor.codegen;

import static dev.sourced.processor.codegen.AggregateWriter.override;
import static dev.sourced.processor.codegen.Sources.API;
import static dev.sourced.processor.codegen.Sources.GENERATED;
import static dev.sourced.processor.codegen.Sources.SPI;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.sourced.processor.model.EventHandlerMethod;
import dev.sourced.processor.model.EventHandlerMethod.Kind;
import dev.sourced.processor.model.ProjectionModel;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/** Writes a projection's event dispatcher. */
public final class ProjectionWriter {
  private static final ClassName RECORD = ClassName.get(Record.class);
  private static final ClassName METADATA = ClassName.get(API, "EventMetadata");
  private static final ClassName HANDLING = ClassName.get(SPI, "ProjectionDispatcher", "Handling");

  /** @return the view type, or Void for a pure reactor */
  public static ClassName viewType(ProjectionModel projection) {
    return projection.viewType() == null ? ClassName.get(Void.class) : projection.viewType();
  }

  public void write(ProjectionModel projection, Output output) {
    ClassName name = GeneratedNames.projectionDispatcher(projection);
    ClassName view = viewType(projection);
    ClassName dispatch = ClassName.get(SPI, "Dispatch");

    MethodSpec.Builder handling = override("handling", HANDLING).addParameter(RECORD, "event");
    MethodSpec.Builder viewKey = override("viewKey", TypeName.get(String.class))
        .addParameter(RECORD, "event").addParameter(METADATA, "metadata");
    MethodSpec.Builder apply = override("apply", view)
        .addParameter(RECORD, "event").addParameter(METADATA, "metadata").addParameter(view, "current");
    MethodSpec.Builder react = override("react", TypeName.VOID)
        .addParameter(RECORD, "event").addParameter(METADATA, "metadata");
    for (EventHandlerMethod handler : projection.handlers()) {
      handling.addStatement("if (event instanceof $T) return $T.$L", handler.event(), HANDLING,
          handler.kind() == Kind.REACTOR ? "REACTOR" : "VIEW");
      String metadata = handler.metadata() ? ", metadata" : "";
      switch (handler.kind()) {
        case START -> apply.addStatement("if (event instanceof $T e) return projection.$L(e$L)", handler.event(), handler.method(), metadata);
        case FOLD -> apply.addStatement("if (event instanceof $T e) return projection.$L(e, current$L)", handler.event(), handler.method(), metadata);
        case REACTOR -> react.beginControlFlow("if (event instanceof $T e)", handler.event())
            .addStatement("projection.$L(e$L)", handler.method(), metadata)
            .addStatement("return")
            .endControlFlow();
      }
      if (handler.keyComponent() != null) {
        viewKey.addStatement("if (event instanceof $T e) return e.$L()", handler.event(), handler.keyComponent());
      }
    }
    handling.addStatement("return $T.NONE", HANDLING);
    viewKey.addStatement("return metadata.aggregateId()");
    apply.addStatement("throw $T.unknown($S, $S, event)", dispatch, name.simpleName(), "event");
    react.addStatement("throw $T.unknown($S, $S, event)", dispatch, name.simpleName(), "event");

    TypeSpec type = TypeSpec.classBuilder(name)
        .addJavadoc("Dispatches events to the {@code @EventHandler} methods of {@link $T} (projection {@code $L}).\n",
            projection.type(), projection.name())
        .addAnnotation(GENERATED)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(ClassName.get(SPI, "ProjectionDispatcher"), view))
        .addField(FieldSpec.builder(projection.type(), "projection", Modifier.PRIVATE, Modifier.FINAL).build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
            .addJavadoc("Dispatches to a new instance made with the no-arg constructor.\n")
            .addStatement("this(new $T())", projection.type()).build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
            .addJavadoc("Dispatches to the given instance.\n")
            .addParameter(projection.type(), "projection")
            .addStatement("this.projection = $T.requireNonNull(projection, $S)", Objects.class, "projection").build())
        .addMethod(handling.build())
        .addMethod(viewKey.build())
        .addMethod(apply.build())
        .addMethod(react.build())
        .build();
    output.java(Sources.file(projection.type().packageName(), type), List.of(projection.type()));
  }
}
