package dev.sourced.processor.validation;

import static dev.sourced.processor.validation.Diagnostic.INTERNAL_COMMAND_NOT_SENT;
import static dev.sourced.processor.validation.Diagnostic.SENT_COMMAND_NOT_HANDLED;

import com.palantir.javapoet.ClassName;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.CommandHandlerMethod;
import dev.sourced.processor.model.Omissions;
import dev.sourced.processor.model.ProcessManagerModel;
import dev.sourced.processor.model.Sources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * Process managers and the commands between them and the aggregates: every command a process manager sends is
 * handled by an aggregate, and every internal command is sent by a process manager (nothing else can send it). Only
 * for a complete model: an aggregate or process manager left out would make a command look unhandled or unsent.
 */
final class ProcessManagerRule implements ModelRule {
  private final Sources sources;

  ProcessManagerRule(Sources sources) {
    this.sources = sources;
  }

  @Override
  public List<Report> check(AppModel model, Omissions omissions) {
    List<Report> reports = new ArrayList<>();
    if (omissions.any()) {
      return reports;
    }
    Set<ClassName> sent = new HashSet<>();
    for (ProcessManagerModel processManager : model.processManagers()) {
      for (ClassName command : processManager.sends()) {
        sent.add(command);
        if (model.handlingAggregate(command).isEmpty()) {
          Sources.Origin origin = sources.of(processManager);
          reports.add(Report.on(origin.element(), origin.annotation(), sendsValue(origin, command), SENT_COMMAND_NOT_HANDLED,
              processManager.type().simpleName(), command.simpleName()));
        }
      }
    }
    for (AggregateModel aggregate : model.aggregates()) {
      for (CommandHandlerMethod handler : aggregate.commandHandlers()) {
        if (handler.internal() && !sent.contains(handler.command())) {
          reports.add(Report.at(sources.of(handler), INTERNAL_COMMAND_NOT_SENT, handler.method(),
              handler.command().simpleName(), handler.command().simpleName()));
        }
      }
    }
    return reports;
  }

  /** @return the element of {@code sends} that names the command, to point the caret at; null if not found */
  private static AnnotationValue sendsValue(Sources.Origin origin, ClassName command) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> member
        : origin.annotation().getElementValues().entrySet()) {
      if (member.getKey().getSimpleName().contentEquals("sends")) {
        for (Object value : (List<?>) member.getValue().getValue()) {
          if (value instanceof AnnotationValue v && v.getValue() instanceof DeclaredType type
              && ((TypeElement) type.asElement()).getQualifiedName().contentEquals(command.canonicalName())) {
            return v;
          }
        }
      }
    }
    return null;
  }
}
