package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.EVENT_HANDLER_RETURN_TYPE;
import static dev.sourced.processor.validation.Diagnostic.EVENT_HANDLER_STATE_MISMATCH;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_EXTRA_PARAMETERS;
import static dev.sourced.processor.validation.Diagnostic.VIEW_KEY_UNKNOWN_COMPONENT;

import dev.sourced.processor.model.EventHandlerMethod;
import dev.sourced.processor.model.EventHandlerMethod.Kind;
import dev.sourced.processor.model.EventType;
import dev.sourced.processor.model.Sources;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads one {@code @EventHandler} of a projection: the event it takes, its shape (start, fold or
 * reactor), an optional {@code EventMetadata} parameter, and the {@code @ViewKey} naming the view it
 * updates.
 */
final class EventHandlerReader {
  private final ElementTools tools;
  private final HandlerChecks handlerChecks;
  private final EventReader events;
  private final Sources sources;

  EventHandlerReader(ElementTools tools, HandlerChecks handlerChecks, EventReader events, Sources sources) {
    this.tools = tools;
    this.handlerChecks = handlerChecks;
    this.events = events;
    this.sources = sources;
  }

  /** The parameters after the event: the current view (a fold) and {@code EventMetadata}. */
  private record Extras(boolean state, boolean metadata) {}

  /** @param defaultKey the projection's own {@code @ViewKey}, or null */
  Optional<EventHandlerMethod> read(ExecutableElement method, AnnotationMirror defaultKey, Reports reports) {
    AnnotationMirror annotation = Annotations.mirror(method, Annotations.EVENT_HANDLER);
    boolean ok = handlerChecks.checkMethod(method, "EventHandler", annotation, reports);
    ok &= handlerChecks.checkInstanceMethod(method, "EventHandler", annotation, reports);
    TypeElement event = handlerChecks.firstRecordParameter(method, "EventHandler", "event", annotation, 3,
        "the current view and EventMetadata at most", reports);
    if (!ok || event == null) {
      return Optional.empty();
    }
    TypeMirror returnType = method.getReturnType();
    boolean reactor = returnType.getKind() == TypeKind.VOID;
    if (!reactor && tools.asRecord(returnType) == null) {
      reports.add(method, annotation, null, EVENT_HANDLER_RETURN_TYPE, method.getSimpleName(), returnType);
      return Optional.empty();
    }
    Extras extras = extras(method, annotation, reactor, reports);
    if (extras == null) {
      return Optional.empty();
    }
    Optional<EventType> eventType = reports.take(events.read(event, method.getParameters().get(0)));
    if (eventType.isEmpty()) {
      return Optional.empty();
    }
    AnnotationMirror key = reactor ? null : viewKey(method, defaultKey);
    if (key != null && !namesStringComponent(key, method, event, reports)) {
      return Optional.empty();
    }
    Kind kind = reactor ? Kind.REACTOR : extras.state() ? Kind.FOLD : Kind.START;
    return Optional.of(sources.put(
        new EventHandlerMethod(eventType.get().type(), method.getSimpleName().toString(), kind, extras.metadata(),
            key == null ? null : (String) tools.valueOf(key, "value")),
        method, annotation));
  }

  /** @return what the parameters after the event are; null (reported) when one is not allowed */
  private Extras extras(ExecutableElement method, AnnotationMirror annotation, boolean reactor, Reports reports) {
    List<? extends VariableElement> parameters = method.getParameters();
    TypeMirror returnType = method.getReturnType();
    boolean state = false;
    boolean metadata = false;
    for (int i = 1; i < parameters.size(); i++) {
      TypeMirror parameter = parameters.get(i).asType();
      if (i == parameters.size() - 1 && tools.isType(parameter, Annotations.EVENT_METADATA)) {
        metadata = true;
      } else if (i == 1 && !reactor) {
        if (!tools.types.isSameType(parameter, returnType)) {
          reports.add(parameters.get(i), annotation, null, EVENT_HANDLER_STATE_MISMATCH, method.getSimpleName(),
              returnType, parameter);
          return null;
        }
        state = true;
      } else {
        reports.add(parameters.get(i), HANDLER_EXTRA_PARAMETERS, "EventHandler", method.getSimpleName(),
            reactor ? "the event and optionally EventMetadata"
                : "the event, optionally the current view, and optionally EventMetadata",
            parameter);
        return null;
      }
    }
    return new Extras(state, metadata);
  }

  /** @return the {@code @ViewKey} that applies: the method's, else the projection's, else null (the stream's id) */
  private static AnnotationMirror viewKey(ExecutableElement method, AnnotationMirror defaultKey) {
    AnnotationMirror own = Annotations.mirror(method, Annotations.VIEW_KEY);
    return own != null ? own : defaultKey;
  }

  /** @return whether the key names a String component of the event; reported where the key is written if not */
  private boolean namesStringComponent(AnnotationMirror key, ExecutableElement method, TypeElement event,
      Reports reports) {
    String wanted = (String) tools.valueOf(key, "value");
    Optional<? extends RecordComponentElement> component = event.getRecordComponents().stream()
        .filter(c -> c.getSimpleName().contentEquals(wanted)).findFirst();
    if (component.isPresent() && tools.isType(component.get().asType(), "java.lang.String")) {
      return true;
    }
    Element keyAt = Annotations.mirror(method, Annotations.VIEW_KEY) != null ? method : method.getEnclosingElement();
    reports.add(keyAt, key, Annotations.explicitValue(key, "value"), VIEW_KEY_UNKNOWN_COMPONENT, wanted,
        method.getSimpleName(), event.getSimpleName(),
        component.map(c -> "type " + c.asType()).orElse("no such component"),
        event.getRecordComponents().stream().filter(c -> tools.isType(c.asType(), "java.lang.String"))
            .map(c -> c.getSimpleName().toString()).collect(Collectors.joining(", ")));
    return false;
  }
}
