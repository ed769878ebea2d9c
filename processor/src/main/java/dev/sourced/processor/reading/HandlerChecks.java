package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.COMMAND_CONTEXT_OUTSIDE_COMMAND_HANDLER;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_EXTRA_PARAMETERS;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_NO_PARAMETERS;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_PARAMETER_NOT_RECORD;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_PRIVATE;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_STATIC;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_THROWS_CHECKED;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** The rules every annotated handler method follows, whatever its kind. */
final class HandlerChecks {
  private static final Map<String, String> EXAMPLE_PARAMETER =
      Map.of("command", "AddItem command", "event", "ItemAdded event", "query", "GetCartSummary query");

  private final ElementTools tools;

  HandlerChecks(ElementTools tools) {
    this.tools = tools;
  }

  /** Not private, no checked exceptions. @return whether both hold */
  boolean checkMethod(ExecutableElement method, String annotationName, AnnotationMirror annotation, Reports reports) {
    boolean ok = true;
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      reports.add(method, annotation, null, HANDLER_PRIVATE, annotationName, method.getSimpleName());
      ok = false;
    }
    TypeMirror runtimeException = tools.elements.getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = tools.elements.getTypeElement("java.lang.Error").asType();
    List<String> checked = method.getThrownTypes().stream()
        .filter(t -> !tools.types.isSubtype(t, runtimeException) && !tools.types.isSubtype(t, error))
        .map(TypeMirror::toString).toList();
    if (!checked.isEmpty()) {
      reports.add(method, annotation, null, HANDLER_THROWS_CHECKED, annotationName, method.getSimpleName(),
          String.join(", ", checked));
      ok = false;
    }
    return ok;
  }

  /** Handlers that work on an instance. @return whether the method is one */
  boolean checkInstanceMethod(ExecutableElement method, String annotationName, AnnotationMirror annotation,
      Reports reports) {
    if (method.getModifiers().contains(Modifier.STATIC)) {
      reports.add(method, annotation, null, HANDLER_STATIC, annotationName, method.getSimpleName());
      return false;
    }
    return true;
  }

  /**
   * @param role what the record is: command, event or query
   * @param maxParameters how many parameters the handler may take in all
   * @param allowedExtras what those others may be, for the message
   * @return the record a handler takes first; null (reported) when absent, not a record, or followed by too many
   */
  TypeElement firstRecordParameter(ExecutableElement method, String annotationName, String role,
      AnnotationMirror annotation, int maxParameters, String allowedExtras, Reports reports) {
    List<? extends VariableElement> parameters = method.getParameters();
    if (!role.equals("command")) {
      for (VariableElement parameter : parameters) {
        if (tools.isType(parameter.asType(), Annotations.COMMAND_CONTEXT)) {
          reports.add(parameter, annotation, null, COMMAND_CONTEXT_OUTSIDE_COMMAND_HANDLER, annotationName,
              method.getSimpleName(), role.equals("event") ? "; an event tells who caused it through"
                  + " EventMetadata.principal(), which an @EventHandler may take as its last parameter" : "");
          return null;
        }
      }
    }
    if (parameters.isEmpty()) {
      reports.add(method, annotation, null, HANDLER_NO_PARAMETERS, annotationName, method.getSimpleName(), role,
          method.getSimpleName(), EXAMPLE_PARAMETER.get(role));
      return null;
    }
    TypeElement record = tools.asRecord(parameters.get(0).asType());
    if (record == null) {
      TypeMirror found = parameters.get(0).asType();
      String simple = found.getKind() == TypeKind.DECLARED ? tools.types.asElement(found).getSimpleName().toString() : "MyRecord";
      reports.add(parameters.get(0), annotation, null, HANDLER_PARAMETER_NOT_RECORD, annotationName,
          method.getSimpleName(), role, role, tools.describe(found), simple);
      return null;
    }
    if (parameters.size() > maxParameters) {
      reports.add(parameters.get(maxParameters), HANDLER_EXTRA_PARAMETERS, annotationName, method.getSimpleName(),
          "the " + role + " record and " + allowedExtras, parameters.get(maxParameters).asType());
      return null;
    }
    return record;
  }
}
