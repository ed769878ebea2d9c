package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.AGGREGATE_ID_NOT_STRING;
import static dev.sourced.processor.validation.Diagnostic.COMMAND_HANDLER_RETURN_TYPE;
import static dev.sourced.processor.validation.Diagnostic.CREATION_HANDLER_WITHOUT_EVENTS;
import static dev.sourced.processor.validation.Diagnostic.MISSING_AGGREGATE_ID;
import static dev.sourced.processor.validation.Diagnostic.MULTIPLE_AGGREGATE_IDS;

import com.squareup.javapoet.ClassName;
import dev.sourced.processor.model.CommandHandlerMethod;
import dev.sourced.processor.model.CommandHandlerMethod.Returns;
import dev.sourced.processor.model.EventType;
import dev.sourced.processor.model.Names;
import dev.sourced.processor.model.Route;
import dev.sourced.processor.model.Sources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads one {@code @CommandHandler}: its command record with exactly one String {@code @AggregateId},
 * the events it returns (a record, a sealed interface of records, a List of either, or nothing) and its
 * route.
 */
final class CommandHandlerReader {
  private final ElementTools tools;
  private final HandlerChecks handlerChecks;
  private final TypeChecks typeChecks;
  private final RecordShapeReader shapes;
  private final EventReader events;
  private final RouteReader routes;
  private final Sources sources;

  CommandHandlerReader(ElementTools tools, HandlerChecks handlerChecks, TypeChecks typeChecks, RecordShapeReader shapes,
      EventReader events, RouteReader routes, Sources sources) {
    this.tools = tools;
    this.handlerChecks = handlerChecks;
    this.typeChecks = typeChecks;
    this.shapes = shapes;
    this.events = events;
    this.routes = routes;
    this.sources = sources;
  }

  /** The events a handler returns, and how. */
  private record Returned(Returns returns, List<ClassName> events) {}

  /** @param aggregateName the kebab-case name of the declaring aggregate, for the default route */
  Optional<CommandHandlerMethod> read(String aggregateName, ExecutableElement method, Reports reports) {
    AnnotationMirror annotation = Annotations.mirror(method, Annotations.COMMAND_HANDLER);
    if (!handlerChecks.checkMethod(method, "CommandHandler", annotation, reports)) {
      return Optional.empty();
    }
    TypeElement command = handlerChecks.firstRecordParameter(method, "CommandHandler", "command", annotation, 1,
        "nothing else", reports);
    if (command == null || !typeChecks.checkRecord(command, "command", method.getParameters().get(0), reports)
        || shapes.shape(command, reports) == null) {
      return Optional.empty();
    }
    RecordComponentElement id = aggregateId(command, method.getParameters().get(0), reports);
    Returned returned = id == null ? null : returned(method, annotation, reports);
    if (returned == null) {
      return Optional.empty();
    }
    String commandName = Names.kebab(command.getSimpleName().toString());
    String idName = id.getSimpleName().toString();
    Route route = routes.read(method, annotation, command,
        new Route("POST", "/" + aggregateName + "/{" + idName + "}/" + commandName, List.of(idName)), false, reports);
    if (route == null) {
      return Optional.empty();
    }
    boolean creation = method.getModifiers().contains(Modifier.STATIC);
    return Optional.of(sources.put(
        new CommandHandlerMethod(commandName, ClassName.get(command), method.getSimpleName().toString(), creation,
            returned.returns(), returned.events(), idName, route),
        method, annotation));
  }

  /** @return the command's one String {@code @AggregateId} component; null (reported) otherwise */
  private RecordComponentElement aggregateId(TypeElement command, Element usedAt, Reports reports) {
    List<? extends RecordComponentElement> ids =
        command.getRecordComponents().stream().filter(ElementTools::isAggregateId).toList();
    if (ids.isEmpty()) {
      reports.add(tools.reportable(command, usedAt), MISSING_AGGREGATE_ID, command.getSimpleName(),
          command.getRecordComponents().stream().map(c -> c.getSimpleName().toString()).collect(Collectors.joining(", ")),
          command.getSimpleName());
      return null;
    }
    if (ids.size() > 1) {
      reports.add(tools.reportable(command, ElementTools.position(ids.get(1)), usedAt), MULTIPLE_AGGREGATE_IDS,
          command.getSimpleName(), ids.stream().map(c -> c.getSimpleName().toString()).collect(Collectors.joining(", ")));
      return null;
    }
    RecordComponentElement id = ids.get(0);
    if (!tools.isType(id.asType(), "java.lang.String")) {
      reports.add(tools.reportable(command, ElementTools.position(id), usedAt), AGGREGATE_ID_NOT_STRING,
          id.getSimpleName(), command.getSimpleName(), id.asType());
      return null;
    }
    return id;
  }

  /** @return the events the handler returns; null (reported) when its return type is not allowed */
  private Returned returned(ExecutableElement method, AnnotationMirror annotation, Reports reports) {
    TypeMirror returnType = method.getReturnType();
    if (returnType.getKind() == TypeKind.VOID) {
      if (method.getModifiers().contains(Modifier.STATIC)) {
        reports.add(method, annotation, null, CREATION_HANDLER_WITHOUT_EVENTS, method.getSimpleName());
        return null;
      }
      return new Returned(Returns.NOTHING, List.of());
    }
    boolean list = tools.isType(returnType, "java.util.List");
    List<TypeElement> records = list
        ? ElementTools.typeArgument(returnType, 0).map(tools::upperBound).map(this::eventRecords).orElse(null)
        : eventRecords(returnType);
    if (records == null) {
      reports.add(method, annotation, null, COMMAND_HANDLER_RETURN_TYPE, method.getSimpleName(), returnType);
      return null;
    }
    List<ClassName> eventNames = new ArrayList<>();
    for (TypeElement record : records) {
      Optional<EventType> event = reports.take(events.read(record, method));
      if (event.isEmpty()) {
        return null;
      }
      eventNames.add(event.get().type());
    }
    eventNames.sort(Comparator.comparing(ClassName::canonicalName));
    return new Returned(list ? Returns.EVENT_LIST : Returns.ONE_EVENT, eventNames);
  }

  /**
   * The event records a declared return type stands for: a record itself, or every record permitted by a
   * sealed interface (recursively). Null when it is neither.
   */
  private List<TypeElement> eventRecords(TypeMirror type) {
    if (tools.asRecord(type) != null) {
      return List.of(tools.asRecord(type));
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement element = (TypeElement) tools.types.asElement(type);
    if (element.getKind() != ElementKind.INTERFACE || !element.getModifiers().contains(Modifier.SEALED)) {
      return null;
    }
    List<TypeElement> records = new ArrayList<>();
    for (TypeMirror permitted : element.getPermittedSubclasses()) {
      List<TypeElement> nested = eventRecords(permitted);
      if (nested == null) {
        return null;
      }
      records.addAll(nested);
    }
    return records.isEmpty() ? null : records;
  }
}
