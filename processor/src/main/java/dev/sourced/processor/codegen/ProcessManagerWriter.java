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
import dev.sourced.processor.model.DeadlineHandlerMethod;
import dev.sourced.processor.model.EventHandlerMethod;
import dev.sourced.processor.model.EventHandlerMethod.Kind;
import dev.sourced.processor.model.ProcessManagerModel;
import dev.sourced.processor.model.RejectionHandlerMethod;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * Writes a process manager's dispatcher: which events it handles, the instance each belongs to, and the calls of its
 * {@code @EventHandler}, {@code @RejectionHandler} and {@code @DeadlineHandler} methods, one statement per handler, by the event's or command's
 * type, as a projection's dispatcher does.
 */
public final class ProcessManagerWriter {
  private static final ClassName RECORD = ClassName.get(Record.class);
  private static final ClassName METADATA = ClassName.get(API, "EventMetadata");
  private static final ClassName DOMAIN_EXCEPTION = ClassName.get(API, "DomainException");
  private static final ClassName PROCESS_STEP = ClassName.get(API, "ProcessStep");

  public void write(ProcessManagerModel processManager, Output output) {
    ClassName name = GeneratedNames.processManagerDispatcher(processManager);
    ClassName state = processManager.stateType();
    TypeName step = ParameterizedTypeName.get(PROCESS_STEP, state);

    MethodSpec.Builder handles = override("handles", TypeName.BOOLEAN).addParameter(RECORD, "event");
    MethodSpec.Builder associationKey = override("associationKey", TypeName.get(String.class))
        .addParameter(RECORD, "event").addParameter(METADATA, "metadata");
    MethodSpec.Builder on = override("on", step)
        .addParameter(RECORD, "event").addParameter(METADATA, "metadata").addParameter(state, "current");
    for (EventHandlerMethod handler : processManager.handlers()) {
      handles.addStatement("if (event instanceof $T) return true", handler.event());
      String metadata = handler.metadata() ? ", metadata" : "";
      String current = handler.kind() == Kind.FOLD ? ", current" : "";
      on.addStatement("if (event instanceof $T e) return processManager.$L(e$L$L)", handler.event(), handler.method(),
          current, metadata);
      if (handler.keyComponent() != null) {
        associationKey.addStatement("if (event instanceof $T e) return e.$L()", handler.event(), handler.keyComponent());
      }
    }
    handles.addStatement("return false");
    associationKey.addStatement("return metadata.aggregateId()");
    on.addStatement("throw $T.unknown($S, $S, event)", ClassName.get(SPI, "Dispatch"), name.simpleName(), "event");

    MethodSpec.Builder rejected = override("rejected", step)
        .addParameter(RECORD, "command").addParameter(DOMAIN_EXCEPTION, "rejection").addParameter(state, "current");
    for (RejectionHandlerMethod handler : processManager.rejectionHandlers()) {
      rejected.addStatement("if (command instanceof $T c) return processManager.$L(c, rejection, current)", handler.command(),
          handler.method());
    }
    rejected.addStatement("return null");

    MethodSpec.Builder deadline = override("deadline", step)
        .addParameter(String.class, "deadline").addParameter(state, "current");
    for (DeadlineHandlerMethod handler : processManager.deadlineHandlers()) {
      deadline.addStatement("if ($S.equals(deadline)) return processManager.$L(current)", handler.name(), handler.method());
    }
    deadline.addStatement("return null");

    TypeSpec type = TypeSpec.classBuilder(name)
        .addJavadoc("Dispatches events and rejected commands to the handlers of {@link $T} (process manager {@code $L}).\n",
            processManager.type(), processManager.name())
        .addAnnotation(GENERATED)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(ClassName.get(SPI, "ProcessManagerDispatcher"), state))
        .addField(FieldSpec.builder(processManager.type(), "processManager", Modifier.PRIVATE, Modifier.FINAL).build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
            .addJavadoc("Dispatches to a new instance made with the no-arg constructor.\n")
            .addStatement("this(new $T())", processManager.type()).build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
            .addJavadoc("Dispatches to the given instance.\n")
            .addParameter(processManager.type(), "processManager")
            .addStatement("this.processManager = $T.requireNonNull(processManager, $S)", Objects.class, "processManager")
            .build())
        .addMethod(handles.build())
        .addMethod(associationKey.build())
        .addMethod(on.build())
        .addMethod(rejected.build())
        .addMethod(deadline.build())
        .build();
    output.java(Sources.file(processManager.type().packageName(), type), List.of(processManager.type()));
  }
}
