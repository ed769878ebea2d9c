package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.ASSOCIATION_KEY_OUTSIDE_PROCESS_MANAGER;
import static dev.sourced.processor.validation.Diagnostic.DEADLINE_HANDLER_PARAMETERS;
import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_DEADLINE_HANDLER;
import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_REJECTION_HANDLER;
import static dev.sourced.processor.validation.Diagnostic.INVALID_DEADLINE_NAME;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_OUTSIDE_PROCESS_MANAGER;
import static dev.sourced.processor.validation.Diagnostic.INVALID_PROCESS_MANAGER_NAME;
import static dev.sourced.processor.validation.Diagnostic.MIXED_PROCESS_STATES;
import static dev.sourced.processor.validation.Diagnostic.PROCESS_MANAGER_WITHOUT_HANDLERS;
import static dev.sourced.processor.validation.Diagnostic.PROCESS_STATE_MISMATCH;
import static dev.sourced.processor.validation.Diagnostic.REJECTION_HANDLER_COMMAND_NOT_SENT;
import static dev.sourced.processor.validation.Diagnostic.REJECTION_HANDLER_PARAMETERS;
import static dev.sourced.processor.validation.Diagnostic.VIEW_KEY_IN_PROCESS_MANAGER;

import com.palantir.javapoet.ClassName;
import dev.sourced.processor.model.DeadlineHandlerMethod;
import dev.sourced.processor.model.EventHandlerMethod;
import dev.sourced.processor.model.Names;
import dev.sourced.processor.model.ProcessManagerModel;
import dev.sourced.processor.model.RejectionHandlerMethod;
import dev.sourced.processor.model.Sources;
import dev.sourced.processor.validation.Report;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Reads a {@code @ProcessManager} class: its name and the commands it sends, its event handlers (through the
 * {@link EventHandlerReader}, as a projection's, keyed by {@code @AssociationKey}), one per event, its rejection
 * handlers, one per command it sends, and the one state record all of them carry in their {@code ProcessStep}. A
 * process manager with any invalid handler is left out as a whole.
 */
final class ProcessManagerReader {
  private final ElementTools tools;
  private final HandlerChecks handlerChecks;
  private final TypeChecks typeChecks;
  private final RecordShapeReader shapes;
  private final ProcessSteps processSteps;
  private final EventHandlerReader eventHandlers;
  private final Sources sources;

  ProcessManagerReader(ElementTools tools, HandlerChecks handlerChecks, TypeChecks typeChecks, RecordShapeReader shapes,
      ProcessSteps processSteps, EventHandlerReader eventHandlers, Sources sources) {
    this.tools = tools;
    this.handlerChecks = handlerChecks;
    this.typeChecks = typeChecks;
    this.shapes = shapes;
    this.processSteps = processSteps;
    this.eventHandlers = eventHandlers;
    this.sources = sources;
  }

  /** The state record the handlers carry, fixed by the first that was read; a handler carrying another is reported. */
  private final class State {
    private final TypeElement type;
    private TypeMirror first;
    private ExecutableElement setBy;

    State(TypeElement type) {
      this.type = type;
    }

    /** @return whether {@code state}, which {@code method} carries, is the process manager's state (reported if not) */
    boolean agrees(ExecutableElement method, AnnotationMirror annotation, TypeMirror state, Reports reports) {
      if (first == null) {
        first = state;
        setBy = method;
        return true;
      }
      if (tools.types.isSameType(first, state)) {
        return true;
      }
      reports.add(method, annotation, null, MIXED_PROCESS_STATES, type.getSimpleName(),
          first + " (" + setBy.getSimpleName() + "())", state + " (" + method.getSimpleName() + "())");
      return false;
    }
  }

  /** Handlers of one kind, and whether every one of them was read. */
  private record Handlers<T>(List<T> handlers, boolean complete) {}

  Read<ProcessManagerModel> read(TypeElement type) {
    Reports reports = new Reports();
    AnnotationMirror annotation = Annotations.mirror(type, Annotations.PROCESS_MANAGER);
    typeChecks.checkInstantiable(type, "@ProcessManager", reports);
    String name = (String) tools.valueOf(annotation, "name");
    if (!Names.isResourceName(name)) {
      reports.add(type, annotation, Annotations.explicitValue(annotation, "name"), INVALID_PROCESS_MANAGER_NAME, name,
          Names.suggestResourceName(name));
    }
    viewKeys(type, reports);
    List<ClassName> sends = sends(annotation);
    State state = new State(type);
    Handlers<EventHandlerMethod> handlers = eventHandlers(type, annotation, state, reports);
    Handlers<RejectionHandlerMethod> rejections = rejectionHandlers(type, name, sends, state, reports);
    Handlers<DeadlineHandlerMethod> deadlines = deadlineHandlers(type, state, reports);
    TypeElement stateRecord = state.first == null ? null : tools.asRecord(state.first);
    boolean stateOk = stateRecord != null
        && typeChecks.checkRecord(stateRecord, "process state", state.setBy, reports)
        && shapes.shape(stateRecord, reports) != null;
    if (!stateOk || !handlers.complete() || !rejections.complete() || !deadlines.complete()) {
      return new Read<>(Optional.empty(), reports.all());
    }
    List<EventHandlerMethod> sortedHandlers = new ArrayList<>(handlers.handlers());
    sortedHandlers.sort(Comparator.comparing(h -> h.event().canonicalName()));
    List<RejectionHandlerMethod> sortedRejections = new ArrayList<>(rejections.handlers());
    sortedRejections.sort(Comparator.comparing(r -> r.command().canonicalName()));
    List<DeadlineHandlerMethod> sortedDeadlines = new ArrayList<>(deadlines.handlers());
    sortedDeadlines.sort(Comparator.comparing(DeadlineHandlerMethod::name));
    return reports.result(Optional.of(sources.put(
        new ProcessManagerModel(name, ClassName.get(type), ClassName.get(stateRecord), sortedHandlers, sortedRejections,
            sends, sortedDeadlines),
        type, annotation)));
  }

  private Handlers<EventHandlerMethod> eventHandlers(TypeElement type, AnnotationMirror annotation, State state,
      Reports reports) {
    List<ExecutableElement> methods = ElementTools.methodsAnnotated(type, Annotations.EVENT_HANDLER);
    if (methods.isEmpty()) {
      reports.add(type, annotation, null, PROCESS_MANAGER_WITHOUT_HANDLERS, type.getSimpleName());
      return new Handlers<>(List.of(), false);
    }
    AnnotationMirror defaultKey = Annotations.mirror(type, Annotations.ASSOCIATION_KEY);
    List<EventHandlerMethod> handlers = new ArrayList<>();
    Map<ClassName, ExecutableElement> byEvent = new HashMap<>();
    boolean complete = true;
    for (ExecutableElement method : methods) {
      Optional<EventHandlerMethod> handler = eventHandlers.read(method, EventHandlerReader.Owner.PROCESS_MANAGER,
          defaultKey, reports);
      if (handler.isEmpty() || EventHandlerReader.isDuplicate(type, method, handler.get(), byEvent, reports)
          || !state.agrees(method, Annotations.mirror(method, Annotations.EVENT_HANDLER),
              ElementTools.typeArgument(method.getReturnType(), 0).orElseThrow(), reports)) {
        complete = false;
        continue;
      }
      handlers.add(handler.get());
    }
    return new Handlers<>(handlers, complete);
  }

  private Handlers<RejectionHandlerMethod> rejectionHandlers(TypeElement type, String name, List<ClassName> sends,
      State state, Reports reports) {
    List<RejectionHandlerMethod> handlers = new ArrayList<>();
    Map<ClassName, ExecutableElement> byCommand = new HashMap<>();
    boolean complete = true;
    for (ExecutableElement method : ElementTools.methodsAnnotated(type, Annotations.REJECTION_HANDLER)) {
      AnnotationMirror annotation = Annotations.mirror(method, Annotations.REJECTION_HANDLER);
      Optional<RejectionHandlerMethod> handler = rejectionHandler(method, annotation, name, sends, state, reports);
      if (handler.isEmpty()) {
        complete = false;
        continue;
      }
      ExecutableElement previous = byCommand.putIfAbsent(handler.get().command(), method);
      if (previous != null) {
        reports.add(method, annotation, null, DUPLICATE_REJECTION_HANDLER, type.getSimpleName(),
            handler.get().command().simpleName(), previous.getSimpleName(), method.getSimpleName());
        complete = false;
        continue;
      }
      handlers.add(handler.get());
    }
    return new Handlers<>(handlers, complete);
  }

  private Handlers<DeadlineHandlerMethod> deadlineHandlers(TypeElement type, State state, Reports reports) {
    List<DeadlineHandlerMethod> handlers = new ArrayList<>();
    Map<String, ExecutableElement> byName = new HashMap<>();
    boolean complete = true;
    for (ExecutableElement method : ElementTools.methodsAnnotated(type, Annotations.DEADLINE_HANDLER)) {
      AnnotationMirror annotation = Annotations.mirror(method, Annotations.DEADLINE_HANDLER);
      Optional<DeadlineHandlerMethod> handler = deadlineHandler(method, annotation, state, reports);
      if (handler.isEmpty()) {
        complete = false;
        continue;
      }
      ExecutableElement previous = byName.putIfAbsent(handler.get().name(), method);
      if (previous != null) {
        reports.add(method, annotation, Annotations.explicitValue(annotation, "value"), DUPLICATE_DEADLINE_HANDLER,
            type.getSimpleName(), handler.get().name(), previous.getSimpleName(), method.getSimpleName());
        complete = false;
        continue;
      }
      handlers.add(handler.get());
    }
    return new Handlers<>(handlers, complete);
  }

  /** {@code ProcessStep<S> on(S state)}, with a deadline name in kebab case. */
  private Optional<DeadlineHandlerMethod> deadlineHandler(ExecutableElement method, AnnotationMirror annotation, State state,
      Reports reports) {
    boolean ok = handlerChecks.checkMethod(method, "DeadlineHandler", annotation, reports);
    ok &= handlerChecks.checkInstanceMethod(method, "DeadlineHandler", annotation, reports);
    String deadline = (String) tools.valueOf(annotation, "value");
    if (deadline == null || deadline.length() > 40 || !Names.isResourceName(deadline)) {
      reports.add(method, annotation, Annotations.explicitValue(annotation, "value"), INVALID_DEADLINE_NAME,
          deadline, method.getSimpleName(), Names.suggestResourceName(deadline == null ? "" : deadline));
      ok = false;
    }
    if (!ok) {
      return Optional.empty();
    }
    TypeMirror carried = processSteps.state(method, "DeadlineHandler", annotation, reports);
    if (carried == null) {
      return Optional.empty();
    }
    List<? extends VariableElement> parameters = method.getParameters();
    if (parameters.size() != 1 || !tools.types.isSameType(parameters.get(0).asType(), carried)) {
      reports.add(parameters.isEmpty() ? method : parameters.get(0), annotation, null, DEADLINE_HANDLER_PARAMETERS,
          method.getSimpleName(), method.getSimpleName(), tools.types.asElement(carried).getSimpleName(),
          parameters.stream().map(p -> p.asType().toString()).collect(Collectors.joining(", ")));
      return Optional.empty();
    }
    if (!state.agrees(method, annotation, carried, reports)) {
      return Optional.empty();
    }
    return Optional.of(sources.put(new DeadlineHandlerMethod(deadline, method.getSimpleName().toString()), method, annotation));
  }

  /** {@code ProcessStep<S> on(Command command, DomainException rejection, S state)}, for a command it sends. */
  private Optional<RejectionHandlerMethod> rejectionHandler(ExecutableElement method, AnnotationMirror annotation,
      String name, List<ClassName> sends, State state, Reports reports) {
    boolean ok = handlerChecks.checkMethod(method, "RejectionHandler", annotation, reports);
    ok &= handlerChecks.checkInstanceMethod(method, "RejectionHandler", annotation, reports);
    List<? extends VariableElement> given = method.getParameters();
    if (!given.isEmpty() && tools.isType(given.get(0).asType(), Annotations.DOMAIN_EXCEPTION)) {
      // the rejection first: say the order, rather than that a DomainException is not a record
      String commandName = given.stream().map(p -> tools.asRecord(p.asType())).filter(Objects::nonNull).findFirst()
          .map(r -> r.getSimpleName().toString()).orElse("MyCommand");
      TypeMirror returned = method.getReturnType();
      String stateName = tools.isType(returned, Annotations.PROCESS_STEP)
          ? ElementTools.typeArgument(returned, 0).map(t -> tools.types.asElement(t)).filter(Objects::nonNull)
              .map(e -> e.getSimpleName().toString()).orElse("State")
          : "State";
      reports.add(given.get(0), annotation, null, REJECTION_HANDLER_PARAMETERS, method.getSimpleName(), method.getSimpleName(),
          commandName, stateName, given.stream().map(p -> p.asType().toString()).collect(Collectors.joining(", ")));
      return Optional.empty();
    }
    TypeElement command = handlerChecks.firstRecordParameter(method, "RejectionHandler", "command", annotation, 3,
        "a DomainException and the instance's state", reports);
    if (!ok || command == null) {
      return Optional.empty();
    }
    TypeMirror carried = processSteps.state(method, "RejectionHandler", annotation, reports);
    if (carried == null) {
      return Optional.empty();
    }
    List<? extends VariableElement> parameters = method.getParameters();
    if (parameters.size() != 3 || !tools.isType(parameters.get(1).asType(), Annotations.DOMAIN_EXCEPTION)) {
      Element at = parameters.size() > 1 && !tools.isType(parameters.get(1).asType(), Annotations.DOMAIN_EXCEPTION)
          ? parameters.get(1) : method;
      reports.add(at, annotation, null, REJECTION_HANDLER_PARAMETERS, method.getSimpleName(), method.getSimpleName(),
          command.getSimpleName(), tools.types.asElement(carried).getSimpleName(),
          parameters.stream().map(p -> p.asType().toString()).collect(Collectors.joining(", ")));
      return Optional.empty();
    }
    if (!tools.types.isSameType(parameters.get(2).asType(), carried)) {
      reports.add(parameters.get(2), annotation, null, PROCESS_STATE_MISMATCH, "RejectionHandler", method.getSimpleName(),
          carried, parameters.get(2).asType());
      return Optional.empty();
    }
    ClassName commandName = ClassName.get(command);
    if (!sends.contains(commandName)) {
      reports.add(method, annotation, null, REJECTION_HANDLER_COMMAND_NOT_SENT, method.getSimpleName(),
          command.getSimpleName(), name,
          sends.isEmpty() ? "nothing" : sends.stream().map(ClassName::simpleName).collect(Collectors.joining(", ")),
          command.getSimpleName());
      return Optional.empty();
    }
    if (!state.agrees(method, annotation, carried, reports)) {
      return Optional.empty();
    }
    return Optional.of(sources.put(new RejectionHandlerMethod(commandName, method.getSimpleName().toString()), method,
        annotation));
  }

  /** @return the command records of {@code sends}, sorted, each once */
  private List<ClassName> sends(AnnotationMirror annotation) {
    AnnotationValue written = Annotations.explicitValue(annotation, "sends");
    if (written == null) {
      return List.of();
    }
    TreeMap<String, ClassName> sends = new TreeMap<>();
    for (Object value : (List<?>) written.getValue()) {
      // a class that does not compile is javac's error; it is left out here
      if (value instanceof AnnotationValue v && v.getValue() instanceof DeclaredType declared
          && declared.asElement() instanceof TypeElement command) {
        sends.put(command.getQualifiedName().toString(), ClassName.get(command));
      }
    }
    return List.copyOf(sends.values());
  }

  /** A {@code @ViewKey} on the process manager or its methods, where it would be silently ignored. */
  private static void viewKeys(TypeElement type, Reports reports) {
    List<Element> annotated = new ArrayList<>();
    annotated.add(type);
    annotated.addAll(ElementFilter.methodsIn(type.getEnclosedElements()));
    for (Element element : annotated) {
      AnnotationMirror viewKey = Annotations.mirror(element, Annotations.VIEW_KEY);
      if (viewKey != null) {
        AnnotationValue value = Annotations.explicitValue(viewKey, "value");
        reports.add(element, viewKey, value, VIEW_KEY_IN_PROCESS_MANAGER, describe(element), type.getSimpleName(),
            value == null ? "" : value.getValue());
      }
    }
  }

  /** A {@code @RejectionHandler} or {@code @DeadlineHandler} in a class that is not a process manager. */
  static List<Report> outside(ExecutableElement method) {
    if (Annotations.mirror(method.getEnclosingElement(), Annotations.PROCESS_MANAGER) != null) {
      return List.of();
    }
    AnnotationMirror annotation = Annotations.mirror(method, Annotations.REJECTION_HANDLER);
    if (annotation == null) {
      annotation = Annotations.mirror(method, Annotations.DEADLINE_HANDLER);
    }
    return List.of(Report.on(method, annotation, null, HANDLER_OUTSIDE_PROCESS_MANAGER,
        annotation.getAnnotationType().asElement().getSimpleName(), method.getSimpleName(),
        method.getEnclosingElement().getSimpleName()));
  }

  /**
   * An {@code @AssociationKey} where no process manager reads it: on a class that is not a process manager, or on a
   * method that is not one of its event handlers.
   */
  static List<Report> misplacedAssociationKey(Element element) {
    boolean onType = element instanceof TypeElement;
    Element owner = onType ? element : element.getEnclosingElement();
    boolean inProcessManager = Annotations.mirror(owner, Annotations.PROCESS_MANAGER) != null;
    if (inProcessManager && (onType || Annotations.mirror(element, Annotations.EVENT_HANDLER) != null)) {
      return List.of();
    }
    AnnotationMirror key = Annotations.mirror(element, Annotations.ASSOCIATION_KEY);
    String hint = Annotations.mirror(owner, Annotations.PROJECTION) != null
        ? "In a projection, name the view key with @ViewKey."
        : "Remove it, or move it to a process manager or one of its @EventHandler methods.";
    String where = describe(element);
    return List.of(Report.on(element, key, Annotations.explicitValue(key, "value"),
        ASSOCIATION_KEY_OUTSIDE_PROCESS_MANAGER, where, where, hint));
  }

  /** @return {@code class Foo} or {@code method on()}, for messages */
  private static String describe(Element element) {
    return element instanceof TypeElement ? "class " + element.getSimpleName() : "method " + element.getSimpleName() + "()";
  }
}
