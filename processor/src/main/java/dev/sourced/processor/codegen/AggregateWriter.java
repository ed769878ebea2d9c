package dev.sourced.processor.codegen;

import static dev.sourced.processor.codegen.Sources.GENERATED;
import static dev.sourced.processor.codegen.Sources.SPI;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.CommandHandlerMethod;
import dev.sourced.processor.model.EventSourcingHandlerMethod;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes an aggregate's dispatcher: its command dispatcher and event applier in one class, plain instanceof
 * chains, no reflection. One file per aggregate rather than two: javac's {@code Filer} checks every new file
 * against every input and earlier output, and each file costs javac a compilation unit.
 */
public final class AggregateWriter {
  private static final ClassName RECORD = ClassName.get(Record.class);
  private static final ClassName DISPATCH = ClassName.get(SPI, "Dispatch");
  private static final ClassName COMMAND_CONTEXT = ClassName.get(Sources.API, "CommandContext");

  public void write(AggregateModel aggregate, Output output) {
    ClassName name = GeneratedNames.aggregateDispatcher(aggregate);
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc("Dispatches commands to the {@code @CommandHandler} methods of {@link $T} and rebuilds it by applying\n"
            + "events to its {@code @EventSourcingHandler} methods.\n", aggregate.type())
        .addAnnotation(GENERATED)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(ClassName.get(SPI, "CommandDispatcher"), aggregate.type()))
        .addSuperinterface(ParameterizedTypeName.get(ClassName.get(SPI, "EventApplier"), aggregate.type()));
    dispatcher(aggregate, name).forEach(type::addMethod);
    applier(aggregate).forEach(type::addMethod);
    output.java(Sources.file(aggregate.type().packageName(), type.build()), List.of(aggregate.type()));
  }

  private List<MethodSpec> dispatcher(AggregateModel aggregate, ClassName name) {
    MethodSpec.Builder aggregateId = override("aggregateId", TypeName.get(String.class)).addParameter(RECORD, "command");
    MethodSpec.Builder isCreation = override("isCreation", TypeName.BOOLEAN).addParameter(RECORD, "command");
    MethodSpec.Builder dispatch = override("dispatch", ParameterizedTypeName.get(ClassName.get(List.class), RECORD))
        .addParameter(aggregate.type(), "aggregate")
        .addParameter(RECORD, "command")
        .addParameter(COMMAND_CONTEXT, "context");
    for (CommandHandlerMethod handler : aggregate.commandHandlers()) {
      aggregateId.addStatement("if (command instanceof $T c) return c.$L()", handler.command(), handler.aggregateIdComponent());
      isCreation.addStatement("if (command instanceof $T) return $L", handler.command(), handler.creation());
      String arguments = handler.takesContext() ? "(c, context)" : "(c)";
      String call = handler.creation()
          ? "$T." + handler.method() + arguments
          : "aggregate." + handler.method() + arguments;
      Object[] callArgs = handler.creation() ? new Object[] {aggregate.type()} : new Object[0];
      dispatch.beginControlFlow("if (command instanceof $T c)", handler.command());
      switch (handler.returns()) {
        case NOTHING -> {
          dispatch.addStatement(call, callArgs);
          dispatch.addStatement("return $T.of()", List.class);
        }
        case ONE_EVENT -> dispatch.addStatement("return $T.one(" + call + ", $S)",
            concat(DISPATCH, callArgs, aggregate.type().simpleName() + "." + handler.method() + "()"));
        case EVENT_LIST -> dispatch.addStatement("return $T.many(" + call + ", $S)",
            concat(DISPATCH, callArgs, aggregate.type().simpleName() + "." + handler.method() + "()"));
      }
      dispatch.endControlFlow();
    }
    for (MethodSpec.Builder method : List.of(aggregateId, isCreation, dispatch)) {
      method.addStatement("throw $T.unknown($S, $S, command)", DISPATCH, name.simpleName(), "command");
    }
    return List.of(aggregateId.build(), isCreation.build(), dispatch.build());
  }

  private List<MethodSpec> applier(AggregateModel aggregate) {
    MethodSpec.Builder apply = override("apply", TypeName.VOID)
        .addParameter(aggregate.type(), "aggregate")
        .addParameter(RECORD, "event");
    for (EventSourcingHandlerMethod handler : aggregate.eventSourcingHandlers()) {
      apply.beginControlFlow("if (event instanceof $T e)", handler.event())
          .addStatement("aggregate.$L(e)", handler.method())
          .addStatement("return")
          .endControlFlow();
    }
    apply.addComment("events without an @EventSourcingHandler do not change the aggregate's state");
    return List.of(override("newInstance", aggregate.type()).addStatement("return new $T()", aggregate.type()).build(),
        apply.build());
  }

  static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(returns);
  }

  static Object[] concat(Object first, Object[] middle, Object... rest) {
    Object[] all = new Object[1 + middle.length + rest.length];
    all[0] = first;
    System.arraycopy(middle, 0, all, 1, middle.length);
    System.arraycopy(rest, 0, all, 1 + middle.length, rest.length);
    return all;
  }
}
