package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.AGGREGATE_ID_NOT_STRING;
import static dev.sourced.processor.validation.Diagnostic.CLAIMS_WITHOUT_COMMAND_CONTEXT;
import static dev.sourced.processor.validation.Diagnostic.COMMAND_CONTEXT_NOT_LAST;
import static dev.sourced.processor.validation.Diagnostic.COMMAND_CONTEXT_REPEATED;
import static dev.sourced.processor.validation.Diagnostic.INVALID_CLAIMS;
import static dev.sourced.processor.validation.Diagnostic.COMMAND_HANDLER_RETURN_TYPE;
import static dev.sourced.processor.validation.Diagnostic.CREATION_HANDLER_WITHOUT_EVENTS;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_EXTRA_PARAMETERS;
import static dev.sourced.processor.validation.Diagnostic.INTERNAL_COMMAND_WITH_ROUTE;
import static dev.sourced.processor.validation.Diagnostic.MISSING_AGGREGATE_ID;
import static dev.sourced.processor.validation.Diagnostic.MULTIPLE_AGGREGATE_IDS;
import static dev.sourced.processor.validation.Diagnostic.UNIQUE_ON_NON_CREATION_COMMAND;

import com.palantir.javapoet.ClassName;
import dev.sourced.processor.model.CommandHandlerMethod;
import dev.sourced.processor.model.CommandHandlerMethod.Returns;
import dev.sourced.processor.model.EventType;
import dev.sourced.processor.model.Names;
import dev.sourced.processor.model.Route;
import dev.sourced.processor.model.Sources;
import dev.sourced.processor.model.UniqueValue;
import dev.sourced.api.Caller;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads one {@code @CommandHandler}: its command record with exactly one String {@code @AggregateId}, an
 * optional {@code CommandContext} last, the JWT claims it asks for, the unique values it claims (creation commands
 * only), the events it returns (a record, a sealed interface of records, a List of either, or nothing), its route, and
 * whether it is internal (sent only by process managers, so it declares no route).
 */
final class CommandHandlerReader {
  private final ElementTools tools;
  private final HandlerChecks handlerChecks;
  private final TypeChecks typeChecks;
  private final RecordShapeReader shapes;
  private final EventReader events;
  private final RouteReader routes;
  private final UniqueReader uniques;
  private final Sources sources;

  CommandHandlerReader(ElementTools tools, HandlerChecks handlerChecks, TypeChecks typeChecks, RecordShapeReader shapes,
      EventReader events, RouteReader routes, UniqueReader uniques, Sources sources) {
    this.tools = tools;
    this.handlerChecks = handlerChecks;
    this.typeChecks = typeChecks;
    this.shapes = shapes;
    this.events = events;
    this.routes = routes;
    this.uniques = uniques;
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
    Boolean context = takesContext(method, annotation, reports);
    List<String> claims = context == null ? null : claims(method, annotation, context, reports);
    if (claims == null) {
      return Optional.empty();
    }
    if (context && method.getParameters().size() > 2) {
      // the context is last: the unexpected parameter is the one after the command
      VariableElement extra = method.getParameters().get(1);
      reports.add(extra, HANDLER_EXTRA_PARAMETERS, "CommandHandler", method.getSimpleName(),
          "the command record and a CommandContext last", extra.asType());
      return Optional.empty();
    }
    TypeElement command = handlerChecks.firstRecordParameter(method, "CommandHandler", "command", annotation,
        context ? 2 : 1, "optionally a CommandContext last", reports);
    if (command == null || !typeChecks.checkRecord(command, "command", method.getParameters().get(0), reports)
        || shapes.shape(command, reports) == null) {
      return Optional.empty();
    }
    RecordComponentElement id = aggregateId(command, method.getParameters().get(0), reports);
    boolean creation = method.getModifiers().contains(Modifier.STATIC);
    List<UniqueValue> unique = id == null ? null : uniqueClaims(command, method, creation, reports);
    Returned returned = unique == null ? null : returned(method, annotation, reports);
    if (returned == null) {
      return Optional.empty();
    }
    boolean internal = (Boolean) tools.valueOf(annotation, "internal");
    String declaredRoute = (String) tools.valueOf(annotation, "route");
    if (internal && !declaredRoute.isEmpty()) {
      reports.add(method, annotation, Annotations.explicitValue(annotation, "route"), INTERNAL_COMMAND_WITH_ROUTE,
          method.getSimpleName(), declaredRoute);
      return Optional.empty();
    }
    String commandName = Names.kebab(command.getSimpleName().toString());
    String idName = id.getSimpleName().toString();
    Route route = routes.read(method, annotation, command,
        new Route("POST", "/" + aggregateName + "/{" + idName + "}/" + commandName, List.of(idName)), false, reports);
    if (route == null) {
      return Optional.empty();
    }
    return Optional.of(sources.put(
        new CommandHandlerMethod(commandName, ClassName.get(command), method.getSimpleName().toString(), creation,
            returned.returns(), returned.events(), idName, route, context, claims, internal, unique),
        method, annotation));
  }

  /**
   * @return the unique values the command claims, sorted by scope; null (reported) when a component is invalid, or
   *     when a command that does not start a stream claims one
   */
  private List<UniqueValue> uniqueClaims(TypeElement command, ExecutableElement method, boolean creation, Reports reports) {
    List<UniqueValue> unique = uniques.components(command, "command", method.getParameters().get(0),
        UniqueReader.scopesNamed(), reports);
    if (unique == null || unique.isEmpty() || creation) {
      return unique;
    }
    UniqueValue first = unique.get(0);
    reports.add(sources.of(first).element(), UNIQUE_ON_NON_CREATION_COMMAND, first.scope(), first.component(),
        command.getSimpleName(), method.getSimpleName(), command.getSimpleName(), first.scope(), first.scope());
    return null;
  }

  /**
   * @return whether the handler takes a {@code CommandContext}, as its last parameter and once; null (reported) when
   *     it takes one elsewhere or more than once
   */
  private Boolean takesContext(ExecutableElement method, AnnotationMirror annotation, Reports reports) {
    List<? extends VariableElement> parameters = method.getParameters();
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      if (tools.isType(parameters.get(i).asType(), Annotations.COMMAND_CONTEXT)) {
        at.add(i);
      }
    }
    if (at.isEmpty()) {
      return false;
    }
    if (at.size() > 1) {
      reports.add(parameters.get(at.get(1)), annotation, null, COMMAND_CONTEXT_REPEATED, method.getSimpleName(), at.size());
      return null;
    }
    int index = at.get(0);
    if (index != parameters.size() - 1 || index == 0) {
      String command = parameters.stream().map(VariableElement::asType)
          .filter(t -> t.getKind() == TypeKind.DECLARED && !tools.isType(t, Annotations.COMMAND_CONTEXT))
          .map(t -> tools.types.asElement(t).getSimpleName().toString()).findFirst().orElse("AddItem");
      reports.add(parameters.get(index), annotation, null, COMMAND_CONTEXT_NOT_LAST, method.getSimpleName(), index + 1,
          parameters.size(), method.getSimpleName(), command);
      return null;
    }
    return true;
  }

  /** @return the claims the handler asks for, sorted; null (reported) when the list is invalid or unreadable */
  private List<String> claims(ExecutableElement method, AnnotationMirror annotation, boolean context, Reports reports) {
    AnnotationValue written = Annotations.explicitValue(annotation, "claims");
    if (written == null) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<? extends AnnotationValue> values = (List<? extends AnnotationValue>) written.getValue();
    LinkedHashSet<String> names = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (AnnotationValue value : values) {
      String name = (String) value.getValue();
      if (name.isBlank() || name.length() > Caller.MAX_CLAIM_NAME_CHARS) {
        problems.add(name.isBlank() ? "a blank name" : "a name of " + name.length() + " characters");
      } else if (!names.add(name)) {
        problems.add("'" + name + "' twice");
      }
    }
    if (values.size() > Caller.MAX_CLAIMS) {
      problems.add(values.size() + " names");
    }
    if (!problems.isEmpty()) {
      reports.add(method, annotation, written, INVALID_CLAIMS, method.getSimpleName(), Caller.MAX_CLAIMS,
          Caller.MAX_CLAIM_NAME_CHARS, String.join(", ", problems));
      return null;
    }
    if (!names.isEmpty() && !context) {
      reports.add(method, annotation, written, CLAIMS_WITHOUT_COMMAND_CONTEXT, method.getSimpleName(), names);
      return null;
    }
    return names.stream().sorted().toList();
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
