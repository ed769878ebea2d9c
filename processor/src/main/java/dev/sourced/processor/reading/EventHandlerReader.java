package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.ASSOCIATION_KEY_UNKNOWN_COMPONENT;
import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_EVENT_HANDLER;
import static dev.sourced.processor.validation.Diagnostic.EVENT_HANDLER_RETURN_TYPE;
import static dev.sourced.processor.validation.Diagnostic.EVENT_HANDLER_STATE_MISMATCH;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_EXTRA_PARAMETERS;
import static dev.sourced.processor.validation.Diagnostic.PROCESS_STATE_MISMATCH;
import static dev.sourced.processor.validation.Diagnostic.VIEW_KEY_UNKNOWN_COMPONENT;

import com.palantir.javapoet.ClassName;
import dev.sourced.processor.model.EventHandlerMethod;
import dev.sourced.processor.model.EventHandlerMethod.Kind;
import dev.sourced.processor.model.EventType;
import dev.sourced.processor.model.Sources;
import dev.sourced.processor.validation.Diagnostic;
import java.util.List;
import java.util.Map;
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
 * Reads one {@code @EventHandler} of a projection or a process manager: the event it takes, its shape (start, fold or,
 * in a projection, reactor), an optional {@code EventMetadata} parameter, and the key annotation naming what it
 * updates: a projection's {@code @ViewKey}, a process manager's {@code @AssociationKey}. The two owners differ only in
 * what a handler returns (a view record or void; a {@code ProcessStep} of the state record) and so in what its state
 * parameter is.
 */
final class EventHandlerReader {
  private final ElementTools tools;
  private final HandlerChecks handlerChecks;
  private final ProcessSteps processSteps;
  private final EventReader events;
  private final Sources sources;

  EventHandlerReader(ElementTools tools, HandlerChecks handlerChecks, ProcessSteps processSteps, EventReader events,
      Sources sources) {
    this.tools = tools;
    this.handlerChecks = handlerChecks;
    this.processSteps = processSteps;
    this.events = events;
    this.sources = sources;
  }

  /** What declares a handler: what its state is called, which annotation names its key, what a wrong key is. */
  enum Owner {
    PROJECTION("view", Annotations.VIEW_KEY, VIEW_KEY_UNKNOWN_COMPONENT),
    PROCESS_MANAGER("state", Annotations.ASSOCIATION_KEY, ASSOCIATION_KEY_UNKNOWN_COMPONENT);

    private final String state;
    final String keyAnnotation;
    private final Diagnostic unknownKey;

    Owner(String state, String keyAnnotation, Diagnostic unknownKey) {
      this.state = state;
      this.keyAnnotation = keyAnnotation;
      this.unknownKey = unknownKey;
    }
  }

  /** The parameters after the event: the current view or state (a fold) and {@code EventMetadata}. */
  private record Extras(boolean state, boolean metadata) {}

  /**
   * @param defaultKey the owner class's own key annotation ({@code @ViewKey}, {@code @AssociationKey}), or null
   */
  Optional<EventHandlerMethod> read(ExecutableElement method, Owner owner, AnnotationMirror defaultKey, Reports reports) {
    AnnotationMirror annotation = Annotations.mirror(method, Annotations.EVENT_HANDLER);
    boolean ok = handlerChecks.checkMethod(method, "EventHandler", annotation, reports);
    ok &= handlerChecks.checkInstanceMethod(method, "EventHandler", annotation, reports);
    TypeElement event = handlerChecks.firstRecordParameter(method, "EventHandler", "event", annotation, 3,
        "the current " + owner.state + " and EventMetadata at most", reports);
    if (!ok || event == null) {
      return Optional.empty();
    }
    boolean reactor = owner == Owner.PROJECTION && method.getReturnType().getKind() == TypeKind.VOID;
    TypeMirror state = reactor ? null : state(method, owner, annotation, reports);
    if (!reactor && state == null) {
      return Optional.empty();
    }
    Extras extras = extras(method, annotation, owner, state, reports);
    if (extras == null) {
      return Optional.empty();
    }
    Optional<EventType> eventType = reports.take(events.read(event, method.getParameters().get(0)));
    if (eventType.isEmpty()) {
      return Optional.empty();
    }
    AnnotationMirror key = reactor ? null : key(method, owner, defaultKey);
    if (key != null && !namesStringComponent(key, owner, method, event, reports)) {
      return Optional.empty();
    }
    Kind kind = reactor ? Kind.REACTOR : extras.state() ? Kind.FOLD : Kind.START;
    return Optional.of(sources.put(
        new EventHandlerMethod(eventType.get().type(), method.getSimpleName().toString(), kind, extras.metadata(),
            key == null ? null : (String) tools.valueOf(key, "value")),
        method, annotation));
  }

  /**
   * Remembers the handler's event; reports when another handler of the class took it first.
   *
   * @return whether it is a second handler of its event
   */
  static boolean isDuplicate(TypeElement type, ExecutableElement method, EventHandlerMethod handler,
      Map<ClassName, ExecutableElement> byEvent, Reports reports) {
    ExecutableElement previous = byEvent.putIfAbsent(handler.event(), method);
    if (previous != null) {
      reports.add(method, Annotations.mirror(method, Annotations.EVENT_HANDLER), null, DUPLICATE_EVENT_HANDLER,
          type.getSimpleName(), "EventHandler", handler.event().simpleName(), previous.getSimpleName(),
          method.getSimpleName());
    }
    return previous != null;
  }

  /** @return the view (a projection's: the return type) or state (the S of a ProcessStep); null (reported) if none */
  private TypeMirror state(ExecutableElement method, Owner owner, AnnotationMirror annotation, Reports reports) {
    if (owner == Owner.PROCESS_MANAGER) {
      return processSteps.state(method, "EventHandler", annotation, reports);
    }
    TypeMirror returnType = method.getReturnType();
    if (tools.asRecord(returnType) == null) {
      reports.add(method, annotation, null, EVENT_HANDLER_RETURN_TYPE, method.getSimpleName(), returnType);
      return null;
    }
    return returnType;
  }

  /**
   * @param state the view or state type; null for a reactor
   * @return what the parameters after the event are; null (reported) when one is not allowed
   */
  private Extras extras(ExecutableElement method, AnnotationMirror annotation, Owner owner, TypeMirror state,
      Reports reports) {
    List<? extends VariableElement> parameters = method.getParameters();
    boolean takesState = false;
    boolean metadata = false;
    for (int i = 1; i < parameters.size(); i++) {
      TypeMirror parameter = parameters.get(i).asType();
      if (i == parameters.size() - 1 && tools.isType(parameter, Annotations.EVENT_METADATA)) {
        metadata = true;
      } else if (i == 1 && state != null) {
        if (!tools.types.isSameType(parameter, state)) {
          if (owner == Owner.PROJECTION) {
            reports.add(parameters.get(i), annotation, null, EVENT_HANDLER_STATE_MISMATCH, method.getSimpleName(), state,
                parameter);
          } else {
            reports.add(parameters.get(i), annotation, null, PROCESS_STATE_MISMATCH, "EventHandler",
                method.getSimpleName(), state, parameter);
          }
          return null;
        }
        takesState = true;
      } else {
        reports.add(parameters.get(i), HANDLER_EXTRA_PARAMETERS, "EventHandler", method.getSimpleName(),
            state == null ? "the event and optionally EventMetadata"
                : "the event, optionally the current " + owner.state + ", and optionally EventMetadata",
            parameter);
        return null;
      }
    }
    return new Extras(takesState, metadata);
  }

  /** @return the key annotation that applies: the method's, else the owner class's, else null (the aggregate id) */
  private static AnnotationMirror key(ExecutableElement method, Owner owner, AnnotationMirror defaultKey) {
    AnnotationMirror own = Annotations.mirror(method, owner.keyAnnotation);
    return own != null ? own : defaultKey;
  }

  /** @return whether the key names a String component of the event; reported where the key is written if not */
  private boolean namesStringComponent(AnnotationMirror key, Owner owner, ExecutableElement method, TypeElement event,
      Reports reports) {
    String wanted = (String) tools.valueOf(key, "value");
    Optional<? extends RecordComponentElement> component = event.getRecordComponents().stream()
        .filter(c -> c.getSimpleName().contentEquals(wanted)).findFirst();
    if (component.isPresent() && tools.isType(component.get().asType(), "java.lang.String")) {
      return true;
    }
    boolean onMethod = Annotations.mirror(method, owner.keyAnnotation) != null;
    Element keyAt = onMethod ? method : method.getEnclosingElement();
    // a class's key is reported at the class, once per handler it does not fit: each message names its handler
    String where = onMethod ? method.getSimpleName() + "()"
        : "class " + keyAt.getSimpleName() + ", as handler " + method.getSimpleName() + "(" + event.getSimpleName() + ") takes it,";
    reports.add(keyAt, key, Annotations.explicitValue(key, "value"), owner.unknownKey, wanted, where, event.getSimpleName(),
        component.map(c -> "type " + c.asType()).orElse("no such component"),
        event.getRecordComponents().stream().filter(c -> tools.isType(c.asType(), "java.lang.String"))
            .map(c -> c.getSimpleName().toString()).collect(Collectors.joining(", ")));
    return false;
  }
}
