package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.PROCESS_STATE_NOT_RECORD;
import static dev.sourced.processor.validation.Diagnostic.PROCESS_STEP_RETURN_TYPE;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** What a process manager's handlers return: {@code ProcessStep<S>}, S its state record. */
final class ProcessSteps {
  private final ElementTools tools;

  ProcessSteps(ElementTools tools) {
    this.tools = tools;
  }

  /**
   * @param annotationName {@code EventHandler} or {@code RejectionHandler}, for messages
   * @return the S of the {@code ProcessStep<S>} the handler returns; null (reported) when it returns something else or
   *     S is not a record
   */
  TypeMirror state(ExecutableElement method, String annotationName, AnnotationMirror annotation, Reports reports) {
    TypeMirror returned = method.getReturnType();
    Optional<TypeMirror> state = tools.isType(returned, Annotations.PROCESS_STEP)
        ? ElementTools.typeArgument(returned, 0).filter(t -> t.getKind() != TypeKind.WILDCARD) : Optional.empty();
    if (state.isEmpty()) {
      reports.add(method, annotation, null, PROCESS_STEP_RETURN_TYPE, annotationName, method.getSimpleName(), returned);
      return null;
    }
    if (tools.asRecord(state.get()) == null) {
      reports.add(method, annotation, null, PROCESS_STATE_NOT_RECORD, annotationName, method.getSimpleName(), state.get(),
          tools.describe(state.get()), method.getEnclosingElement().getSimpleName() + "State");
      return null;
    }
    return state.get();
  }
}
