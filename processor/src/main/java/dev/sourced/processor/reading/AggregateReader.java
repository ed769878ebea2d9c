package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_EVENT_HANDLER;
import static dev.sourced.processor.validation.Diagnostic.EVENT_SOURCING_HANDLER_RETURNS_VALUE;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_OUTSIDE_AGGREGATE;
import static dev.sourced.processor.validation.Diagnostic.INVALID_AGGREGATE_NAME;
import static dev.sourced.processor.validation.Diagnostic.RESERVED_AGGREGATE_NAME;
import static dev.sourced.processor.validation.Diagnostic.NEGATIVE_CACHED_STREAMS;
import static dev.sourced.processor.validation.Diagnostic.NEGATIVE_SNAPSHOT_EVERY;
import static dev.sourced.processor.validation.Diagnostic.NO_CREATION_HANDLER;
import static dev.sourced.processor.validation.Diagnostic.SNAPSHOT_STATE_MISSING;

import com.palantir.javapoet.ClassName;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.CommandHandlerMethod;
import dev.sourced.processor.model.EventSourcingHandlerMethod;
import dev.sourced.processor.model.Names;
import dev.sourced.processor.model.Sources;
import dev.sourced.processor.validation.Report;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Reads an {@code @Aggregate} class: its name and snapshot settings, its command handlers (through the
 * {@link CommandHandlerReader}) and its event-sourcing handlers. An aggregate with any invalid handler
 * is left out of the model as a whole.
 */
final class AggregateReader {
  private final ElementTools tools;
  private final HandlerChecks handlerChecks;
  private final TypeChecks typeChecks;
  private final RecordShapeReader shapes;
  private final EventReader events;
  private final CommandHandlerReader commandHandlers;
  private final Sources sources;

  AggregateReader(ElementTools tools, HandlerChecks handlerChecks, TypeChecks typeChecks, RecordShapeReader shapes,
      EventReader events, CommandHandlerReader commandHandlers, Sources sources) {
    this.tools = tools;
    this.handlerChecks = handlerChecks;
    this.typeChecks = typeChecks;
    this.shapes = shapes;
    this.events = events;
    this.commandHandlers = commandHandlers;
    this.sources = sources;
  }

  Read<AggregateModel> read(TypeElement type) {
    Reports reports = new Reports();
    AnnotationMirror annotation = Annotations.mirror(type, Annotations.AGGREGATE);
    typeChecks.checkInstantiable(type, "@Aggregate", reports);
    String name = name(type, annotation, reports);
    int snapshotEvery = (Integer) tools.valueOf(annotation, "snapshotEvery");
    if (snapshotEvery < 0) {
      reports.add(type, annotation, Annotations.explicitValue(annotation, "snapshotEvery"), NEGATIVE_SNAPSHOT_EVERY,
          snapshotEvery);
    }
    int cachedStreams = (Integer) tools.valueOf(annotation, "cachedStreams");
    if (cachedStreams < 0) {
      reports.add(type, annotation, Annotations.explicitValue(annotation, "cachedStreams"), NEGATIVE_CACHED_STREAMS,
          cachedStreams);
    }
    ClassName snapshotType = snapshotEvery > 0 ? snapshotState(type, annotation, snapshotEvery, reports) : null;
    Handlers handlers = handlers(type, name, reports);
    checkCreationHandler(type, reports);
    if (!handlers.complete()) {
      return new Read<>(Optional.empty(), reports.all()); // a handler was left out, reported now or before
    }
    handlers.commands().sort(Comparator.comparing(CommandHandlerMethod::name));
    handlers.appliers().sort(Comparator.comparing(a -> a.event().canonicalName()));
    return reports.result(Optional.of(sources.put(
        new AggregateModel(name, ClassName.get(type), snapshotEvery, snapshotType, handlers.commands(),
            handlers.appliers(), Math.max(0, cachedStreams)),
        type, annotation)));
  }

  /** An aggregate's handlers, and whether every one of them was read. */
  private record Handlers(
      List<CommandHandlerMethod> commands, List<EventSourcingHandlerMethod> appliers, boolean complete) {}

  private Handlers handlers(TypeElement type, String name, Reports reports) {
    List<CommandHandlerMethod> commands = new ArrayList<>();
    List<EventSourcingHandlerMethod> appliers = new ArrayList<>();
    Map<ClassName, ExecutableElement> applierByEvent = new HashMap<>();
    boolean complete = true;
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (Annotations.mirror(method, Annotations.COMMAND_HANDLER) != null) {
        Optional<CommandHandlerMethod> command = commandHandlers.read(name, method, reports);
        command.ifPresent(commands::add);
        complete &= command.isPresent();
      }
      if (Annotations.mirror(method, Annotations.EVENT_SOURCING_HANDLER) != null) {
        complete &= addApplier(type, method, appliers, applierByEvent, reports);
      }
    }
    return new Handlers(commands, appliers, complete);
  }

  /** Reads an event-sourcing handler and adds it unless another handles the same event. @return whether added */
  private boolean addApplier(TypeElement type, ExecutableElement method, List<EventSourcingHandlerMethod> appliers,
      Map<ClassName, ExecutableElement> byEvent, Reports reports) {
    Optional<EventSourcingHandlerMethod> handler = eventSourcingHandler(method, reports);
    if (handler.isEmpty()) {
      return false;
    }
    ExecutableElement previous = byEvent.putIfAbsent(handler.get().event(), method);
    if (previous != null) {
      reports.add(method, Annotations.mirror(method, Annotations.EVENT_SOURCING_HANDLER), null, DUPLICATE_EVENT_HANDLER,
          type.getSimpleName(), "EventSourcingHandler", handler.get().event().simpleName(), previous.getSimpleName(),
          method.getSimpleName());
      return false;
    }
    appliers.add(handler.get());
    return true;
  }

  /** A {@code @CommandHandler} or {@code @EventSourcingHandler} in a class that is not an aggregate. */
  static List<Report> outside(ExecutableElement method, String handler) {
    if (Annotations.mirror(method.getEnclosingElement(), Annotations.AGGREGATE) != null) {
      return List.of();
    }
    return List.of(Report.on(method, Annotations.mirror(method, handler), null,
        HANDLER_OUTSIDE_AGGREGATE, Annotations.simpleName(handler), method.getSimpleName(),
        method.getEnclosingElement().getSimpleName()));
  }

  /** The prefixes of the events table's own records (idempotency records, unique values), which no stream may share. */
  private static final java.util.Set<String> RESERVED = dev.sourced.spi.TableKeys.EVENTS_RECORD_PREFIXES.stream()
      .map(prefix -> prefix.substring(0, prefix.length() - 1)).collect(java.util.stream.Collectors.toUnmodifiableSet());

  private String name(TypeElement type, AnnotationMirror annotation, Reports reports) {
    String declared = (String) tools.valueOf(annotation, "name");
    String name = declared.isEmpty() ? Names.kebab(type.getSimpleName().toString()) : declared;
    if (!Names.isResourceName(name)) {
      reports.add(type, annotation, Annotations.explicitValue(annotation, "name"), INVALID_AGGREGATE_NAME, name,
          Names.suggestResourceName(name));
    } else if (RESERVED.contains(name)) {
      reports.add(type, annotation, Annotations.explicitValue(annotation, "name"), RESERVED_AGGREGATE_NAME, name, name);
    }
    return name;
  }

  /** The S of {@code Snapshotting<S>} the aggregate implements; null (reported) when it does not. */
  private ClassName snapshotState(TypeElement type, AnnotationMirror annotation, int snapshotEvery, Reports reports) {
    TypeElement snapshotting = tools.elements.getTypeElement(Annotations.SNAPSHOTTING);
    for (TypeMirror candidate : tools.allSupertypes(type.asType())) {
      if (snapshotting != null
          && tools.types.isSameType(tools.types.erasure(candidate), tools.types.erasure(snapshotting.asType()))) {
        TypeElement record = ElementTools.typeArgument(candidate, 0).map(tools::asRecord).orElse(null);
        if (record != null && typeChecks.checkRecord(record, "snapshot state", type, reports)
            && shapes.shape(record, reports) != null) {
          return ClassName.get(record);
        }
        if (record != null) {
          return null;
        }
      }
    }
    reports.add(type, annotation, Annotations.explicitValue(annotation, "snapshotEvery"), SNAPSHOT_STATE_MISSING,
        snapshotEvery, type.getSimpleName(), "no Snapshotting<S> among its interfaces", type.getSimpleName());
    return null;
  }

  private Optional<EventSourcingHandlerMethod> eventSourcingHandler(ExecutableElement method, Reports reports) {
    AnnotationMirror annotation = Annotations.mirror(method, Annotations.EVENT_SOURCING_HANDLER);
    boolean ok = handlerChecks.checkMethod(method, "EventSourcingHandler", annotation, reports);
    ok &= handlerChecks.checkInstanceMethod(method, "EventSourcingHandler", annotation, reports);
    if (method.getReturnType().getKind() != TypeKind.VOID) {
      reports.add(method, annotation, null, EVENT_SOURCING_HANDLER_RETURNS_VALUE, method.getSimpleName(),
          method.getReturnType());
      ok = false;
    }
    TypeElement event = handlerChecks.firstRecordParameter(method, "EventSourcingHandler", "event", annotation, 1,
        "nothing else", reports);
    if (!ok || event == null) {
      return Optional.empty();
    }
    return reports.take(events.read(event, method.getParameters().get(0))).map(e -> sources.put(
        new EventSourcingHandlerMethod(e.type(), method.getSimpleName().toString()), method, annotation));
  }

  /** The static {@code @CommandHandler} that starts a stream; reported when there is none. */
  private static void checkCreationHandler(TypeElement type, Reports reports) {
    List<ExecutableElement> commandMethods = ElementTools.methodsAnnotated(type, Annotations.COMMAND_HANDLER);
    if (commandMethods.stream().anyMatch(m -> m.getModifiers().contains(Modifier.STATIC))) {
      return;
    }
    reports.add(type, NO_CREATION_HANDLER, type.getSimpleName(),
        commandMethods.isEmpty()
            ? "no @CommandHandler at all"
            : "only instance handlers: " + commandMethods.stream()
                .map(m -> m.getSimpleName() + "()").collect(Collectors.joining(", ")));
  }
}
