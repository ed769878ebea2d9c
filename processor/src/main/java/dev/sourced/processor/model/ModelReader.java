package dev.sourced.processor.model;

import static dev.sourced.processor.validation.Diagnostic.AGGREGATE_ID_NOT_STRING;
import static dev.sourced.processor.validation.Diagnostic.COMMAND_HANDLER_RETURN_TYPE;
import static dev.sourced.processor.validation.Diagnostic.CREATION_HANDLER_WITHOUT_EVENTS;
import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_EVENT_HANDLER;
import static dev.sourced.processor.validation.Diagnostic.EVENT_HANDLER_RETURN_TYPE;
import static dev.sourced.processor.validation.Diagnostic.EVENT_HANDLER_STATE_MISMATCH;
import static dev.sourced.processor.validation.Diagnostic.EVENT_NOT_RECORD;
import static dev.sourced.processor.validation.Diagnostic.EVENT_SOURCING_HANDLER_RETURNS_VALUE;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_EXTRA_PARAMETERS;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_NO_PARAMETERS;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_OUTSIDE_AGGREGATE;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_OUTSIDE_PROJECTION;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_PARAMETER_NOT_RECORD;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_PRIVATE;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_STATIC;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_THROWS_CHECKED;
import static dev.sourced.processor.validation.Diagnostic.INVALID_AGGREGATE_NAME;
import static dev.sourced.processor.validation.Diagnostic.INVALID_EVENT_NAME;
import static dev.sourced.processor.validation.Diagnostic.INVALID_PROJECTION_NAME;
import static dev.sourced.processor.validation.Diagnostic.INVALID_PROJECTION_VERSION;
import static dev.sourced.processor.validation.Diagnostic.INVALID_ROUTE;
import static dev.sourced.processor.validation.Diagnostic.INVALID_UPCASTER;
import static dev.sourced.processor.validation.Diagnostic.MISSING_AGGREGATE_ID;
import static dev.sourced.processor.validation.Diagnostic.MIXED_VIEW_TYPES;
import static dev.sourced.processor.validation.Diagnostic.MULTIPLE_AGGREGATE_IDS;
import static dev.sourced.processor.validation.Diagnostic.NEGATIVE_SNAPSHOT_EVERY;
import static dev.sourced.processor.validation.Diagnostic.NO_ACCESSIBLE_CONSTRUCTOR;
import static dev.sourced.processor.validation.Diagnostic.NO_CREATION_HANDLER;
import static dev.sourced.processor.validation.Diagnostic.QUERY_VIEW_NOT_PRODUCED;
import static dev.sourced.processor.validation.Diagnostic.QUERY_WITHOUT_VIEWS;
import static dev.sourced.processor.validation.Diagnostic.RECORD_NOT_ACCESSIBLE;
import static dev.sourced.processor.validation.Diagnostic.SNAPSHOT_STATE_MISSING;
import static dev.sourced.processor.validation.Diagnostic.TYPE_NOT_ACCESSIBLE;
import static dev.sourced.processor.validation.Diagnostic.UNSUPPORTED_COMPONENT_TYPE;
import static dev.sourced.processor.validation.Diagnostic.VIEW_KEY_UNKNOWN_COMPONENT;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import dev.sourced.processor.model.CommandHandlerMethod.Returns;
import dev.sourced.processor.model.EventHandlerMethod.Kind;
import dev.sourced.processor.model.JsonType.ScalarKind;
import dev.sourced.processor.validation.Reporter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads annotated elements into an {@link AppModel}. Rules that concern one element (its modifiers,
 * parameters, return type, annotation values) are checked here, while the element is at hand; rules that
 * span several are left to {@code ModelValidator}, which finds the elements again through {@link
 * Sources}.
 */
public final class ModelReader {
  private static final String ANNOTATIONS = "dev.sourced.annotations.";
  public static final String AGGREGATE = ANNOTATIONS + "Aggregate";
  public static final String AGGREGATE_ID = ANNOTATIONS + "AggregateId";
  public static final String COMMAND_HANDLER = ANNOTATIONS + "CommandHandler";
  public static final String EVENT_SOURCING_HANDLER = ANNOTATIONS + "EventSourcingHandler";
  public static final String EVENT = ANNOTATIONS + "Event";
  public static final String UPCASTER = ANNOTATIONS + "Upcaster";
  public static final String PROJECTION = ANNOTATIONS + "Projection";
  public static final String EVENT_HANDLER = ANNOTATIONS + "EventHandler";
  public static final String VIEW_KEY = ANNOTATIONS + "ViewKey";
  public static final String QUERY_HANDLER = ANNOTATIONS + "QueryHandler";
  private static final String EVENT_METADATA = "dev.sourced.api.EventMetadata";
  private static final String VIEWS = "dev.sourced.api.Views";
  private static final String SNAPSHOTTING = "dev.sourced.api.Snapshotting";

  private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern ROUTE =
      Pattern.compile("(GET|POST|PUT|PATCH|DELETE) (/|(/([A-Za-z0-9._~-]+|\\{[A-Za-z][A-Za-z0-9]*}))+)");
  private static final Pattern ROUTE_PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

  private static final Map<String, ScalarKind> SCALARS =
      Map.ofEntries(
          Map.entry("java.lang.String", ScalarKind.STRING),
          Map.entry("java.lang.Boolean", ScalarKind.BOOLEAN),
          Map.entry("java.lang.Integer", ScalarKind.INT),
          Map.entry("java.lang.Long", ScalarKind.LONG),
          Map.entry("java.lang.Short", ScalarKind.SHORT),
          Map.entry("java.lang.Byte", ScalarKind.BYTE),
          Map.entry("java.lang.Double", ScalarKind.DOUBLE),
          Map.entry("java.lang.Float", ScalarKind.FLOAT),
          Map.entry("java.lang.Character", ScalarKind.CHAR),
          Map.entry("java.math.BigDecimal", ScalarKind.BIG_DECIMAL),
          Map.entry("java.math.BigInteger", ScalarKind.BIG_INTEGER),
          Map.entry("java.time.Instant", ScalarKind.INSTANT),
          Map.entry("java.time.LocalDate", ScalarKind.LOCAL_DATE),
          Map.entry("java.util.UUID", ScalarKind.UUID));

  private final Elements elements;
  private final Types types;
  private final Reporter reporter;
  private final Sources sources;
  private final Set<Element> rootElements = new HashSet<>();

  private final Map<ClassName, EventType> events = new LinkedHashMap<>();
  private final SortedMap<String, RecordShape> shapes = new TreeMap<>();
  private final Set<String> shapesInProgress = new HashSet<>();
  private final Set<String> recordsChecked = new HashSet<>();
  private final Set<ClassName> invalidEvents = new HashSet<>();
  private final Set<String> eventsWithInvalidUpcasters = new HashSet<>();

  public ModelReader(ProcessingEnvironment env, Reporter reporter, Sources sources) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.reporter = reporter;
    this.sources = sources;
  }

  /**
   * Reads a round.
   *
   * @param round the round
   * @param appNameOption the {@code sourced.app} option, or {@code null}
   * @return the model; complete only when the reporter saw no errors
   */
  public AppModel read(RoundEnvironment round, String appNameOption) {
    rootElements.addAll(round.getRootElements());

    for (TypeElement type : sorted(ElementFilter.typesIn(round.getElementsAnnotatedWith(annotation(EVENT))))) {
      readEvent(type, type);
    }
    List<UpcasterMethod> upcasters = new ArrayList<>();
    for (ExecutableElement method : sortedMethods(round, UPCASTER)) {
      readUpcaster(method).ifPresent(upcasters::add);
    }

    List<AggregateModel> aggregates = new ArrayList<>();
    for (TypeElement type : sorted(ElementFilter.typesIn(round.getElementsAnnotatedWith(annotation(AGGREGATE))))) {
      readAggregate(type).ifPresent(aggregates::add);
    }
    for (String handler : List.of(COMMAND_HANDLER, EVENT_SOURCING_HANDLER)) {
      for (ExecutableElement method : sortedMethods(round, handler)) {
        if (mirror(method.getEnclosingElement(), AGGREGATE) == null) {
          reporter.report(
              method, mirror(method, handler), null, HANDLER_OUTSIDE_AGGREGATE,
              simpleName(handler), method.getSimpleName(), method.getEnclosingElement().getSimpleName());
        }
      }
    }

    List<ProjectionModel> projections = new ArrayList<>();
    for (TypeElement type : sorted(ElementFilter.typesIn(round.getElementsAnnotatedWith(annotation(PROJECTION))))) {
      readProjection(type).ifPresent(projections::add);
    }
    for (ExecutableElement method : sortedMethods(round, EVENT_HANDLER)) {
      if (mirror(method.getEnclosingElement(), PROJECTION) == null) {
        reporter.report(
            method, mirror(method, EVENT_HANDLER), null, HANDLER_OUTSIDE_PROJECTION,
            method.getSimpleName(), method.getEnclosingElement().getSimpleName());
      }
    }

    List<QueryHandlerMethod> queries = new ArrayList<>();
    for (ExecutableElement method : sortedMethods(round, QUERY_HANDLER)) {
      readQueryHandler(method, projections).ifPresent(queries::add);
    }

    String packageName = commonPackage(round);
    String appName = appNameOption != null && !appNameOption.isBlank()
        ? appNameOption.trim()
        : Names.suggestResourceName(packageName.substring(packageName.lastIndexOf('.') + 1));

    aggregates.sort(Comparator.comparing(AggregateModel::name));
    projections.sort(Comparator.comparing(ProjectionModel::name));
    queries.sort(Comparator.comparing((QueryHandlerMethod q) -> q.route().path()).thenComparing(q -> q.route().method()));
    upcasters.sort(Comparator.comparing(u -> u.from().canonicalName()));
    List<EventType> eventList = new ArrayList<>(events.values());
    eventList.sort(Comparator.comparing(EventType::name).thenComparingInt(EventType::revision)
        .thenComparing(e -> e.type().canonicalName()));
    return new AppModel(appName, packageName, aggregates, eventList, upcasters, projections, queries, shapes);
  }

  // ---------------------------------------------------------------- events and upcasters

  /** Registers an event record (once) and returns its type, or empty when it is not usable. */
  private Optional<EventType> readEvent(TypeElement type, Element usedAt) {
    ClassName name = ClassName.get(type);
    if (events.containsKey(name)) {
      return Optional.of(events.get(name));
    }
    if (!invalidEvents.add(name)) {
      return Optional.empty(); // reported the first time it was read
    }
    AnnotationMirror eventAnnotation = mirror(type, EVENT);
    if (type.getKind() != ElementKind.RECORD) {
      reporter.report(type, EVENT_NOT_RECORD, type.getSimpleName(),
          kindName(type), type.getSimpleName());
      return Optional.empty();
    }
    String eventName = type.getSimpleName().toString();
    int revision = 1;
    if (eventAnnotation != null) {
      String declared = (String) valueOf(eventAnnotation, "name");
      eventName = declared.isEmpty() ? eventName : declared;
      revision = (Integer) valueOf(eventAnnotation, "revision");
      if (!EVENT_NAME.matcher(eventName).matches() || revision < 1) {
        reporter.report(type, eventAnnotation, null, INVALID_EVENT_NAME, type.getSimpleName(), eventName, revision);
        return Optional.empty();
      }
    }
    if (!checkRecord(type, "event", usedAt) || shape(type) == null) {
      return Optional.empty();
    }
    EventType event = sources.put(new EventType(eventName, revision, name), type, eventAnnotation);
    events.put(name, event);
    invalidEvents.remove(name);
    return Optional.of(event);
  }

  private Optional<UpcasterMethod> readUpcaster(ExecutableElement method) {
    AnnotationMirror annotation = mirror(method, UPCASTER);
    if (!checkMethod(method, "Upcaster", annotation)) {
      return Optional.empty();
    }
    String problem = null;
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      problem = "found an instance method";
    } else if (method.getParameters().size() != 1) {
      problem = "found " + method.getParameters().size() + " parameters";
    } else if (asRecord(method.getParameters().get(0).asType()) == null) {
      problem = "its parameter " + method.getParameters().get(0).asType() + " is not a record";
    } else if (asRecord(method.getReturnType()) == null) {
      problem = "its return type " + method.getReturnType() + " is not a record";
    }
    if (problem != null) {
      reporter.report(method, annotation, null, INVALID_UPCASTER, method.getSimpleName(), problem);
      rememberInvalidUpcaster(method);
      return Optional.empty();
    }
    TypeElement fromType = asRecord(method.getParameters().get(0).asType());
    TypeElement toType = asRecord(method.getReturnType());
    Optional<EventType> from = readEvent(fromType, method);
    Optional<EventType> to = readEvent(toType, method);
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    if (!from.get().name().equals(to.get().name()) || to.get().revision() != from.get().revision() + 1) {
      reporter.report(method, annotation, null, INVALID_UPCASTER, method.getSimpleName(),
          "found '" + from.get().name() + "' revision " + from.get().revision() + " → '" + to.get().name()
              + "' revision " + to.get().revision() + "; expected '" + from.get().name() + "' revision "
              + (from.get().revision() + 1));
      eventsWithInvalidUpcasters.add(from.get().name());
      return Optional.empty();
    }
    ClassName owner = ClassName.get((TypeElement) method.getEnclosingElement());
    return Optional.of(sources.put(
        new UpcasterMethod(owner, method.getSimpleName().toString(), from.get().type(), to.get().type()),
        method, annotation));
  }

  /** An invalid upcaster still says which event it meant to upcast; the chain check skips that event. */
  private void rememberInvalidUpcaster(ExecutableElement method) {
    if (!method.getParameters().isEmpty()) {
      TypeElement from = asRecord(method.getParameters().get(0).asType());
      AnnotationMirror event = from == null ? null : mirror(from, EVENT);
      if (event != null) {
        String declared = (String) valueOf(event, "name");
        eventsWithInvalidUpcasters.add(declared.isEmpty() ? from.getSimpleName().toString() : declared);
      }
    }
  }

  /** @return names of events whose upcaster was reported invalid: their chain is known to be broken */
  public Set<String> eventsWithInvalidUpcasters() {
    return eventsWithInvalidUpcasters;
  }

  // ---------------------------------------------------------------- aggregates

  private Optional<AggregateModel> readAggregate(TypeElement type) {
    AnnotationMirror annotation = mirror(type, AGGREGATE);
    int errorsBefore = reporter.errors();
    checkInstantiable(type, "@Aggregate", annotation);
    String declaredName = (String) valueOf(annotation, "name");
    String name = declaredName.isEmpty() ? Names.kebab(type.getSimpleName().toString()) : declaredName;
    if (!Names.isResourceName(name)) {
      reporter.report(type, annotation, explicitValue(annotation, "name"), INVALID_AGGREGATE_NAME, name,
          Names.suggestResourceName(name));
    }
    int snapshotEvery = (Integer) valueOf(annotation, "snapshotEvery");
    if (snapshotEvery < 0) {
      reporter.report(type, annotation, explicitValue(annotation, "snapshotEvery"), NEGATIVE_SNAPSHOT_EVERY,
          snapshotEvery);
    }
    ClassName snapshotType = snapshotEvery > 0 ? snapshotState(type, annotation, snapshotEvery) : null;

    List<CommandHandlerMethod> commands = new ArrayList<>();
    List<EventSourcingHandlerMethod> appliers = new ArrayList<>();
    Map<ClassName, ExecutableElement> applierByEvent = new HashMap<>();
    boolean anyStatic = false;
    List<ExecutableElement> commandMethods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (mirror(method, COMMAND_HANDLER) != null) {
        commandMethods.add(method);
        anyStatic |= method.getModifiers().contains(Modifier.STATIC);
        readCommandHandler(name, method).ifPresent(commands::add);
      }
      if (mirror(method, EVENT_SOURCING_HANDLER) != null) {
        readEventSourcingHandler(method).ifPresent(handler -> {
          ExecutableElement previous = applierByEvent.putIfAbsent(handler.event(), method);
          if (previous != null) {
            reporter.report(method, mirror(method, EVENT_SOURCING_HANDLER), null, DUPLICATE_EVENT_HANDLER,
                type.getSimpleName(), "EventSourcingHandler", handler.event().simpleName(),
                previous.getSimpleName(), method.getSimpleName());
          } else {
            appliers.add(handler);
          }
        });
      }
    }
    if (!anyStatic) {
      reporter.report(type, NO_CREATION_HANDLER, type.getSimpleName(),
          commandMethods.isEmpty()
              ? "no @CommandHandler at all"
              : "only instance handlers: " + commandMethods.stream()
                  .map(m -> m.getSimpleName() + "()").collect(Collectors.joining(", ")));
    }
    if (reporter.errors() > errorsBefore) {
      return Optional.empty();
    }
    commands.sort(Comparator.comparing(CommandHandlerMethod::name));
    appliers.sort(Comparator.comparing(a -> a.event().canonicalName()));
    return Optional.of(sources.put(
        new AggregateModel(name, ClassName.get(type), snapshotEvery, snapshotType, commands, appliers), type, annotation));
  }

  /** The S of {@code Snapshotting<S>} the aggregate implements; null (reported) when it does not. */
  private ClassName snapshotState(TypeElement type, AnnotationMirror annotation, int snapshotEvery) {
    TypeElement snapshotting = elements.getTypeElement(SNAPSHOTTING);
    for (TypeMirror candidate : allSupertypes(type.asType())) {
      if (snapshotting != null && types.isSameType(types.erasure(candidate), types.erasure(snapshotting.asType()))) {
        Optional<TypeMirror> state = typeArgument(candidate, 0);
        TypeElement record = state.map(this::asRecord).orElse(null);
        if (record != null && checkRecord(record, "snapshot state", type) && shape(record) != null) {
          return ClassName.get(record);
        }
        if (record != null) {
          return null;
        }
      }
    }
    reporter.report(type, annotation, explicitValue(annotation, "snapshotEvery"), SNAPSHOT_STATE_MISSING, snapshotEvery,
        type.getSimpleName(), "no Snapshotting<S> among its interfaces", type.getSimpleName());
    return null;
  }

  private List<TypeMirror> allSupertypes(TypeMirror type) {
    List<TypeMirror> all = new ArrayList<>();
    for (TypeMirror direct : types.directSupertypes(type)) {
      all.add(direct);
      all.addAll(allSupertypes(direct));
    }
    return all;
  }

  private Optional<CommandHandlerMethod> readCommandHandler(String aggregateName, ExecutableElement method) {
    AnnotationMirror annotation = mirror(method, COMMAND_HANDLER);
    if (!checkMethod(method, "CommandHandler", annotation)) {
      return Optional.empty();
    }
    TypeElement command = firstRecordParameter(method, "CommandHandler", "command", annotation, 1, "nothing else");
    if (command == null || !checkRecord(command, "command", method.getParameters().get(0)) || shape(command) == null) {
      return Optional.empty();
    }
    List<? extends RecordComponentElement> ids = command.getRecordComponents().stream()
        .filter(c -> mirror(c, AGGREGATE_ID) != null || hasAggregateIdOnAccessor(c))
        .toList();
    Element commandAt = reportable(command, method.getParameters().get(0));
    if (ids.isEmpty()) {
      reporter.report(commandAt, MISSING_AGGREGATE_ID, command.getSimpleName(),
          command.getRecordComponents().stream().map(c -> c.getSimpleName().toString()).collect(Collectors.joining(", ")),
          command.getSimpleName());
      return Optional.empty();
    }
    if (ids.size() > 1) {
      reporter.report(reportable(command, position(ids.get(1)), method.getParameters().get(0)), MULTIPLE_AGGREGATE_IDS,
          command.getSimpleName(), ids.stream().map(c -> c.getSimpleName().toString()).collect(Collectors.joining(", ")));
      return Optional.empty();
    }
    RecordComponentElement id = ids.get(0);
    if (!isType(id.asType(), "java.lang.String")) {
      reporter.report(reportable(command, position(id), method.getParameters().get(0)), AGGREGATE_ID_NOT_STRING,
          id.getSimpleName(), command.getSimpleName(), id.asType());
      return Optional.empty();
    }

    boolean creation = method.getModifiers().contains(Modifier.STATIC);
    TypeMirror returnType = method.getReturnType();
    Returns returns;
    List<TypeElement> eventRecords;
    if (returnType.getKind() == TypeKind.VOID) {
      if (creation) {
        reporter.report(method, annotation, null, CREATION_HANDLER_WITHOUT_EVENTS, method.getSimpleName());
        return Optional.empty();
      }
      returns = Returns.NOTHING;
      eventRecords = List.of();
    } else if (isType(returnType, "java.util.List")) {
      returns = Returns.EVENT_LIST;
      eventRecords = typeArgument(returnType, 0).map(this::upperBound).map(this::eventRecords).orElse(null);
    } else {
      returns = Returns.ONE_EVENT;
      eventRecords = eventRecords(returnType);
    }
    if (eventRecords == null) {
      reporter.report(method, annotation, null, COMMAND_HANDLER_RETURN_TYPE, method.getSimpleName(), returnType);
      return Optional.empty();
    }
    List<ClassName> eventNames = new ArrayList<>();
    for (TypeElement event : eventRecords) {
      Optional<EventType> eventType = readEvent(event, method);
      if (eventType.isEmpty()) {
        return Optional.empty();
      }
      eventNames.add(eventType.get().type());
    }
    eventNames.sort(Comparator.comparing(ClassName::canonicalName));

    String commandName = Names.kebab(command.getSimpleName().toString());
    String idName = id.getSimpleName().toString();
    Route route = route(method, annotation, command,
        new Route("POST", "/" + aggregateName + "/{" + idName + "}/" + commandName, List.of(idName)),
        "POST /" + aggregateName + "/{" + idName + "}/" + commandName, false);
    if (route == null) {
      return Optional.empty();
    }
    return Optional.of(sources.put(
        new CommandHandlerMethod(commandName, ClassName.get(command), method.getSimpleName().toString(), creation,
            returns, eventNames, idName, route),
        method, annotation));
  }

  /**
   * The event records a declared return type stands for: a record itself, or every record permitted by a
   * sealed interface (recursively). Null when it is neither.
   */
  private List<TypeElement> eventRecords(TypeMirror type) {
    if (asRecord(type) != null) {
      return List.of(asRecord(type));
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement element = (TypeElement) types.asElement(type);
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

  private TypeMirror upperBound(TypeMirror type) {
    if (type.getKind() == TypeKind.WILDCARD) {
      TypeMirror bound = ((javax.lang.model.type.WildcardType) type).getExtendsBound();
      return bound == null ? elements.getTypeElement("java.lang.Object").asType() : bound;
    }
    return type;
  }

  private boolean hasAggregateIdOnAccessor(RecordComponentElement component) {
    ExecutableElement accessor = component.getAccessor();
    return accessor != null && mirror(accessor, AGGREGATE_ID) != null;
  }

  private Optional<EventSourcingHandlerMethod> readEventSourcingHandler(ExecutableElement method) {
    AnnotationMirror annotation = mirror(method, EVENT_SOURCING_HANDLER);
    boolean ok = checkMethod(method, "EventSourcingHandler", annotation);
    if (method.getModifiers().contains(Modifier.STATIC)) {
      reporter.report(method, annotation, null, HANDLER_STATIC, "EventSourcingHandler", method.getSimpleName());
      ok = false;
    }
    if (method.getReturnType().getKind() != TypeKind.VOID) {
      reporter.report(method, annotation, null, EVENT_SOURCING_HANDLER_RETURNS_VALUE, method.getSimpleName(),
          method.getReturnType());
      ok = false;
    }
    TypeElement event = firstRecordParameter(method, "EventSourcingHandler", "event", annotation, 1, "nothing else");
    if (!ok || event == null) {
      return Optional.empty();
    }
    return readEvent(event, method.getParameters().get(0))
        .map(e -> sources.put(new EventSourcingHandlerMethod(e.type(), method.getSimpleName().toString()), method, annotation));
  }

  // ---------------------------------------------------------------- projections

  private Optional<ProjectionModel> readProjection(TypeElement type) {
    AnnotationMirror annotation = mirror(type, PROJECTION);
    int errorsBefore = reporter.errors();
    checkInstantiable(type, "@Projection", annotation);
    String name = (String) valueOf(annotation, "name");
    if (!Names.isResourceName(name)) {
      reporter.report(type, annotation, explicitValue(annotation, "name"), INVALID_PROJECTION_NAME, name,
          Names.suggestResourceName(name));
    }
    int version = (Integer) valueOf(annotation, "version");
    if (version < 1) {
      reporter.report(type, annotation, explicitValue(annotation, "version"), INVALID_PROJECTION_VERSION, version);
    }
    AnnotationMirror defaultKey = mirror(type, VIEW_KEY);
    String defaultKeyComponent = defaultKey == null ? null : (String) valueOf(defaultKey, "value");

    List<EventHandlerMethod> handlers = new ArrayList<>();
    Map<ClassName, ExecutableElement> handlerByEvent = new HashMap<>();
    TypeMirror viewType = null;
    ExecutableElement viewTypeSetBy = null;
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (mirror(method, EVENT_HANDLER) == null) {
        continue;
      }
      Optional<EventHandlerMethod> handler = readEventHandler(method, defaultKeyComponent, defaultKey);
      if (handler.isEmpty()) {
        continue;
      }
      ExecutableElement previous = handlerByEvent.putIfAbsent(handler.get().event(), method);
      if (previous != null) {
        reporter.report(method, mirror(method, EVENT_HANDLER), null, DUPLICATE_EVENT_HANDLER, type.getSimpleName(),
            "EventHandler", handler.get().event().simpleName(), previous.getSimpleName(), method.getSimpleName());
        continue;
      }
      if (handler.get().kind() != Kind.REACTOR) {
        TypeMirror returned = method.getReturnType();
        if (viewType == null) {
          viewType = returned;
          viewTypeSetBy = method;
        } else if (!types.isSameType(viewType, returned)) {
          reporter.report(method, mirror(method, EVENT_HANDLER), null, MIXED_VIEW_TYPES, type.getSimpleName(),
              viewType + " (" + viewTypeSetBy.getSimpleName() + "())", returned + " (" + method.getSimpleName() + "())");
          continue;
        }
      }
      handlers.add(handler.get());
    }
    if (viewType != null) {
      TypeElement view = asRecord(viewType);
      if (!checkRecord(view, "view", viewTypeSetBy) || shape(view) == null) {
        return Optional.empty();
      }
    }
    if (reporter.errors() > errorsBefore) {
      return Optional.empty();
    }
    handlers.sort(Comparator.comparing(h -> h.event().canonicalName()));
    return Optional.of(sources.put(
        new ProjectionModel(name, version, ClassName.get(type),
            viewType == null ? null : ClassName.get(asRecord(viewType)), handlers),
        type, annotation));
  }

  private Optional<EventHandlerMethod> readEventHandler(
      ExecutableElement method, String defaultKeyComponent, AnnotationMirror defaultKey) {
    AnnotationMirror annotation = mirror(method, EVENT_HANDLER);
    boolean ok = checkMethod(method, "EventHandler", annotation);
    if (method.getModifiers().contains(Modifier.STATIC)) {
      reporter.report(method, annotation, null, HANDLER_STATIC, "EventHandler", method.getSimpleName());
      ok = false;
    }
    TypeElement event = firstRecordParameter(method, "EventHandler", "event", annotation, 3,
        "the current view and EventMetadata at most");
    if (!ok || event == null) {
      return Optional.empty();
    }
    TypeMirror returnType = method.getReturnType();
    boolean reactor = returnType.getKind() == TypeKind.VOID;
    if (!reactor && asRecord(returnType) == null) {
      reporter.report(method, annotation, null, EVENT_HANDLER_RETURN_TYPE, method.getSimpleName(), returnType);
      return Optional.empty();
    }
    List<? extends VariableElement> parameters = method.getParameters();
    boolean state = false;
    boolean metadata = false;
    for (int i = 1; i < parameters.size(); i++) {
      TypeMirror parameter = parameters.get(i).asType();
      boolean last = i == parameters.size() - 1;
      if (last && isType(parameter, EVENT_METADATA)) {
        metadata = true;
      } else if (i == 1 && !reactor) {
        if (!types.isSameType(parameter, returnType)) {
          reporter.report(parameters.get(i), annotation, null, EVENT_HANDLER_STATE_MISMATCH, method.getSimpleName(),
              returnType, parameter);
          return Optional.empty();
        }
        state = true;
      } else {
        reporter.report(parameters.get(i), HANDLER_EXTRA_PARAMETERS, "EventHandler", method.getSimpleName(),
            reactor ? "the event and optionally EventMetadata" : "the event, optionally the current view, and optionally EventMetadata",
            parameter);
        return Optional.empty();
      }
    }
    Optional<EventType> eventType = readEvent(event, parameters.get(0));
    if (eventType.isEmpty()) {
      return Optional.empty();
    }

    String keyComponent = null;
    if (!reactor) {
      AnnotationMirror keyAnnotation = mirror(method, VIEW_KEY);
      Element keyAt = method;
      if (keyAnnotation == null && defaultKey != null) {
        keyAnnotation = defaultKey;
        keyAt = method.getEnclosingElement();
      }
      if (keyAnnotation != null) {
        keyComponent = keyAnnotation == defaultKey ? defaultKeyComponent : (String) valueOf(keyAnnotation, "value");
        String wanted = keyComponent;
        Optional<? extends RecordComponentElement> component = event.getRecordComponents().stream()
            .filter(c -> c.getSimpleName().contentEquals(wanted)).findFirst();
        if (component.isEmpty() || !isType(component.get().asType(), "java.lang.String")) {
          reporter.report(keyAt, keyAnnotation, explicitValue(keyAnnotation, "value"), VIEW_KEY_UNKNOWN_COMPONENT,
              keyComponent, method.getSimpleName(), event.getSimpleName(),
              component.map(c -> "type " + c.asType()).orElse("no such component"),
              event.getRecordComponents().stream().filter(c -> isType(c.asType(), "java.lang.String"))
                  .map(c -> c.getSimpleName().toString()).collect(Collectors.joining(", ")));
          return Optional.empty();
        }
      }
    }
    Kind kind = reactor ? Kind.REACTOR : state ? Kind.FOLD : Kind.START;
    return Optional.of(sources.put(
        new EventHandlerMethod(eventType.get().type(), method.getSimpleName().toString(), kind, metadata, keyComponent),
        method, annotation));
  }

  // ---------------------------------------------------------------- queries

  private Optional<QueryHandlerMethod> readQueryHandler(ExecutableElement method, List<ProjectionModel> projections) {
    AnnotationMirror annotation = mirror(method, QUERY_HANDLER);
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    boolean ok = checkMethod(method, "QueryHandler", annotation);
    boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
    if (!isStatic && mirror(owner, PROJECTION) == null) {
      ok &= checkInstantiable(owner, "query handler", null);
    }
    TypeElement query = firstRecordParameter(method, "QueryHandler", "query", annotation, 2, "Views<V> only");
    if (!ok || query == null || !checkRecord(query, "query", method.getParameters().get(0)) || shape(query) == null) {
      return Optional.empty();
    }
    List<? extends VariableElement> parameters = method.getParameters();
    if (parameters.size() < 2 || !isType(parameters.get(1).asType(), VIEWS)
        || typeArgument(parameters.get(1).asType(), 0).map(this::asRecord).isEmpty()) {
      reporter.report(parameters.size() < 2 ? method : parameters.get(1), annotation, null, QUERY_WITHOUT_VIEWS,
          method.getSimpleName(), parameters.size() < 2 ? "no second parameter" : parameters.get(1).asType().toString());
      return Optional.empty();
    }
    ClassName viewType = ClassName.get(asRecord(typeArgument(parameters.get(1).asType(), 0).get()));
    Optional<ProjectionModel> projection = projections.stream()
        .filter(p -> viewType.equals(p.viewType())).findFirst();
    if (projection.isEmpty()) {
      reporter.report(parameters.get(1), annotation, null, QUERY_VIEW_NOT_PRODUCED, method.getSimpleName(),
          viewType.simpleName(), viewType.simpleName(),
          projections.stream().filter(p -> p.viewType() != null)
              .map(p -> p.viewType().simpleName() + " (" + p.name() + ")").collect(Collectors.joining(", "))
              .transform(s -> s.isEmpty() ? "none" : s));
      return Optional.empty();
    }
    JsonType result = returnJsonType(method);
    if (result == null) {
      return Optional.empty();
    }
    String projectionName = projection.get().name();
    List<? extends RecordComponentElement> components = query.getRecordComponents();
    Route defaultRoute = components.isEmpty()
        ? new Route("GET", "/" + projectionName, List.of())
        : new Route("GET", "/" + projectionName + "/{" + components.get(0).getSimpleName() + "}",
            List.of(components.get(0).getSimpleName().toString()));
    Route route = route(method, annotation, query, defaultRoute, defaultRoute.toString(), true);
    if (route == null) {
      return Optional.empty();
    }
    return Optional.of(sources.put(
        new QueryHandlerMethod(Names.kebab(query.getSimpleName().toString()), ClassName.get(owner),
            method.getSimpleName().toString(), isStatic, ClassName.get(query), viewType, projectionName, route,
            TypeName.get(method.getReturnType()), result),
        method, annotation));
  }

  private JsonType returnJsonType(ExecutableElement method) {
    TypeMirror returnType = method.getReturnType();
    JsonType type = returnType.getKind() == TypeKind.VOID ? null : jsonType(returnType);
    if (type == null) {
      reporter.report(method, mirror(method, QUERY_HANDLER), null, UNSUPPORTED_COMPONENT_TYPE,
          "(return value)", method.getSimpleName() + "()", returnType);
    }
    return type;
  }

  // ---------------------------------------------------------------- routes

  private Route route(ExecutableElement method, AnnotationMirror annotation, TypeElement record, Route defaultRoute,
      String example, boolean query) {
    String declared = (String) valueOf(annotation, "route");
    if (declared.isEmpty()) {
      return defaultRoute;
    }
    AnnotationValue value = explicitValue(annotation, "route");
    String problem = null;
    Matcher matcher = ROUTE.matcher(declared);
    List<String> parameters = new ArrayList<>();
    if (!matcher.matches()) {
      problem = "it does not have the form '<METHOD> /segment/{component}' with METHOD one of GET, POST, PUT, PATCH, DELETE";
    } else if (query != matcher.group(1).equals("GET")) {
      problem = query ? "queries are read with GET; found " + matcher.group(1)
          : "commands change state, so they cannot use GET";
    } else {
      Matcher parameter = ROUTE_PARAMETER.matcher(matcher.group(2));
      while (parameter.find()) {
        String name = parameter.group(1);
        if (parameters.contains(name)) {
          problem = "path parameter {" + name + "} appears twice";
          break;
        }
        if (record.getRecordComponents().stream().noneMatch(c -> c.getSimpleName().contentEquals(name))) {
          problem = "path parameter {" + name + "} is not a component of " + record.getSimpleName() + " ("
              + record.getRecordComponents().stream().map(c -> c.getSimpleName().toString())
                  .collect(Collectors.joining(", ")) + ")";
          break;
        }
        parameters.add(name);
      }
    }
    if (problem != null) {
      reporter.report(method, annotation, value, INVALID_ROUTE, declared, method.getSimpleName(), problem, example);
      return null;
    }
    return new Route(matcher.group(1), matcher.group(2), parameters);
  }

  // ---------------------------------------------------------------- records and JSON shapes

  /** Records the JSON shape of a record and the records it contains; null (reported) if a type has no mapping. */
  private RecordShape shape(TypeElement record) {
    String key = ClassName.get(record).canonicalName();
    if (shapes.containsKey(key)) {
      return shapes.get(key);
    }
    if (!shapesInProgress.add(key)) {
      return new RecordShape(ClassName.get(record), List.of()); // a cycle: the outer call completes it
    }
    List<Component> components = new ArrayList<>();
    boolean ok = true;
    for (RecordComponentElement component : record.getRecordComponents()) {
      JsonType type = jsonType(component.asType());
      if (type == null) {
        reporter.report(position(component), UNSUPPORTED_COMPONENT_TYPE, component.getSimpleName(), record.getSimpleName(),
            component.asType());
        ok = false;
        continue;
      }
      components.add(new Component(component.getSimpleName().toString(), type, TypeName.get(component.asType()),
          mirror(component, AGGREGATE_ID) != null || hasAggregateIdOnAccessor(component)));
    }
    shapesInProgress.remove(key);
    if (!ok) {
      return null;
    }
    RecordShape shape = new RecordShape(ClassName.get(record), components);
    shapes.put(key, shape);
    return shape;
  }

  private JsonType jsonType(TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN: return new JsonType.Scalar(ScalarKind.BOOLEAN, true);
      case INT: return new JsonType.Scalar(ScalarKind.INT, true);
      case LONG: return new JsonType.Scalar(ScalarKind.LONG, true);
      case SHORT: return new JsonType.Scalar(ScalarKind.SHORT, true);
      case BYTE: return new JsonType.Scalar(ScalarKind.BYTE, true);
      case DOUBLE: return new JsonType.Scalar(ScalarKind.DOUBLE, true);
      case FLOAT: return new JsonType.Scalar(ScalarKind.FLOAT, true);
      case CHAR: return new JsonType.Scalar(ScalarKind.CHAR, true);
      case DECLARED: break;
      default: return null;
    }
    TypeElement element = (TypeElement) types.asElement(type);
    String name = element.getQualifiedName().toString();
    if (SCALARS.containsKey(name)) {
      return new JsonType.Scalar(SCALARS.get(name), false);
    }
    switch (name) {
      case "java.util.List":
      case "java.util.Set": {
        JsonType items = typeArgument(type, 0).map(this::jsonType).orElse(null);
        return items == null ? null : new JsonType.ArrayOf(items, name.endsWith("Set"));
      }
      case "java.util.Map": {
        if (typeArgument(type, 0).filter(k -> isType(k, "java.lang.String")).isEmpty()) {
          return null;
        }
        JsonType values = typeArgument(type, 1).map(this::jsonType).orElse(null);
        return values == null ? null : new JsonType.MapOf(values);
      }
      case "java.util.Optional": {
        JsonType value = typeArgument(type, 0).map(this::jsonType).orElse(null);
        return value == null || value instanceof JsonType.OptionalOf ? null : new JsonType.OptionalOf(value);
      }
      default:
        break;
    }
    if (element.getKind() == ElementKind.ENUM) {
      if (!isAccessible(element)) {
        return null;
      }
      List<String> constants = element.getEnclosedElements().stream()
          .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
          .map(e -> e.getSimpleName().toString()).toList();
      return new JsonType.EnumRef(ClassName.get(element), constants);
    }
    if (element.getKind() == ElementKind.RECORD && isAccessible(element) && shape(element) != null) {
      return new JsonType.RecordRef(ClassName.get(element));
    }
    return null;
  }

  /** Checks that a record can be reached by generated code; reports once per record. */
  private boolean checkRecord(TypeElement record, String role, Element usedAt) {
    if (isAccessible(record)) {
      return true;
    }
    if (recordsChecked.add(record.getQualifiedName().toString())) {
      String found = !record.getTypeParameters().isEmpty() ? "type parameters " + record.getTypeParameters()
          : "it or an enclosing type is not public";
      reporter.report(reportable(record, usedAt), RECORD_NOT_ACCESSIBLE, role, record.getSimpleName(), found);
    }
    return false;
  }

  private boolean isAccessible(TypeElement type) {
    if (!type.getTypeParameters().isEmpty()) {
      return false;
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  /** Aggregates, projections and query owners: generated code calls their no-arg constructor. */
  private boolean checkInstantiable(TypeElement type, String role, AnnotationMirror annotation) {
    List<String> problems = new ArrayList<>();
    if (type.getKind() != ElementKind.CLASS) problems.add("a " + kindName(type));
    if (type.getModifiers().contains(Modifier.ABSTRACT)) problems.add("abstract");
    if (!type.getTypeParameters().isEmpty()) problems.add("type parameters " + type.getTypeParameters());
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) problems.add("an inner (non-static) class");
    if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) problems.add("a local class");
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        problems.add(e == type ? "not public" : "enclosed in non-public " + e.getSimpleName());
        break;
      }
    }
    if (!problems.isEmpty()) {
      reporter.report(type, TYPE_NOT_ACCESSIBLE, role, type.getSimpleName(), String.join(", ", problems));
      return false;
    }
    boolean constructor = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .anyMatch(c -> c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE));
    if (!constructor) {
      reporter.report(type, NO_ACCESSIBLE_CONSTRUCTOR, role, type.getSimpleName(), type.getSimpleName());
      return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- methods

  /** Checks what every handler shares: not private, no checked exceptions. */
  private boolean checkMethod(ExecutableElement method, String annotationName, AnnotationMirror annotation) {
    boolean ok = true;
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.report(method, annotation, null, HANDLER_PRIVATE, annotationName, method.getSimpleName());
      ok = false;
    }
    TypeMirror runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
    List<String> checked = method.getThrownTypes().stream()
        .filter(t -> !types.isSubtype(t, runtimeException) && !types.isSubtype(t, error))
        .map(TypeMirror::toString).toList();
    if (!checked.isEmpty()) {
      reporter.report(method, annotation, null, HANDLER_THROWS_CHECKED, annotationName, method.getSimpleName(),
          String.join(", ", checked));
      ok = false;
    }
    return ok;
  }

  /** The record a handler takes first; null (reported) when absent, not a record, or followed by too many. */
  private TypeElement firstRecordParameter(ExecutableElement method, String annotationName, String role,
      AnnotationMirror annotation, int maxParameters, String allowedExtras) {
    List<? extends VariableElement> parameters = method.getParameters();
    if (parameters.isEmpty()) {
      String example = role.equals("command") ? "AddItem command" : role.equals("event") ? "ItemAdded event" : "GetCartSummary query";
      reporter.report(method, annotation, null, HANDLER_NO_PARAMETERS, annotationName, method.getSimpleName(), role,
          method.getSimpleName(), example);
      return null;
    }
    TypeElement record = asRecord(parameters.get(0).asType());
    if (record == null) {
      TypeMirror found = parameters.get(0).asType();
      String simple = found.getKind() == TypeKind.DECLARED ? types.asElement(found).getSimpleName().toString() : "MyRecord";
      reporter.report(parameters.get(0), annotation, null, HANDLER_PARAMETER_NOT_RECORD, annotationName,
          method.getSimpleName(), role, role, describe(found), simple);
      return null;
    }
    if (parameters.size() > maxParameters) {
      reporter.report(parameters.get(maxParameters), HANDLER_EXTRA_PARAMETERS, annotationName, method.getSimpleName(),
          "the " + role + " record and " + allowedExtras, parameters.get(maxParameters).asType());
      return null;
    }
    return record;
  }

  // ---------------------------------------------------------------- helpers

  private String describe(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED) {
      Element element = types.asElement(type);
      return kindName(element) + " " + type;
    }
    return type.toString();
  }

  private static String kindName(Element element) {
    switch (element.getKind()) {
      case CLASS: return "class";
      case INTERFACE: return "interface";
      case ENUM: return "enum";
      case ANNOTATION_TYPE: return "annotation";
      case RECORD: return "record";
      default: return element.getKind().toString().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The record itself when its source is being compiled, else where it is used. */
  private Element reportable(TypeElement record, Element usedAt) {
    return reportable(record, record, usedAt);
  }

  private Element reportable(TypeElement record, Element inRecord, Element usedAt) {
    Element outermost = record;
    while (outermost.getEnclosingElement() instanceof TypeElement) {
      outermost = outermost.getEnclosingElement();
    }
    return rootElements.contains(outermost) ? inRecord : usedAt;
  }

  /**
   * Where to report on a record component. javac 17 gives record component elements no source position
   * (JDK-8289249), but the private field it generates for each component carries the component's.
   */
  private static Element position(RecordComponentElement component) {
    for (VariableElement field : ElementFilter.fieldsIn(component.getEnclosingElement().getEnclosedElements())) {
      if (field.getSimpleName().equals(component.getSimpleName())) {
        return field;
      }
    }
    return component;
  }

  private TypeElement asRecord(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    Element element = types.asElement(type);
    return element.getKind() == ElementKind.RECORD ? (TypeElement) element : null;
  }

  private boolean isType(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) types.asElement(type)).getQualifiedName().contentEquals(qualifiedName);
  }

  private static Optional<TypeMirror> typeArgument(TypeMirror type, int index) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
    return index < arguments.size() ? Optional.of(arguments.get(index)) : Optional.empty();
  }

  private TypeElement annotation(String qualifiedName) {
    return elements.getTypeElement(qualifiedName);
  }

  /** @return the mirror of an annotation on an element, or null */
  public static AnnotationMirror mirror(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(qualifiedName)) {
        return mirror;
      }
    }
    return null;
  }

  private Object valueOf(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue().getValue();
      }
    }
    throw new IllegalArgumentException("no annotation member " + name);
  }

  private static AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static String simpleName(String qualifiedName) {
    return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
  }

  private List<ExecutableElement> sortedMethods(RoundEnvironment round, String annotationName) {
    TypeElement annotation = annotation(annotationName);
    if (annotation == null) {
      return List.of();
    }
    List<ExecutableElement> methods = new ArrayList<>(ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation)));
    methods.sort(Comparator.comparing((ExecutableElement m) -> ((TypeElement) m.getEnclosingElement()).getQualifiedName().toString())
        .thenComparing(m -> m.getSimpleName().toString())
        .thenComparing(m -> m.getParameters().toString()));
    return methods;
  }

  private static List<TypeElement> sorted(Set<TypeElement> types) {
    List<TypeElement> list = new ArrayList<>(types);
    list.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    return list;
  }

  /** The longest package that contains every aggregate, projection and query handler. */
  private String commonPackage(RoundEnvironment round) {
    List<String> packages = new ArrayList<>();
    for (String annotationName : List.of(AGGREGATE, PROJECTION)) {
      TypeElement annotation = annotation(annotationName);
      if (annotation != null) {
        for (Element element : round.getElementsAnnotatedWith(annotation)) {
          packages.add(elements.getPackageOf(element).getQualifiedName().toString());
        }
      }
    }
    for (ExecutableElement method : sortedMethods(round, QUERY_HANDLER)) {
      packages.add(elements.getPackageOf(method).getQualifiedName().toString());
    }
    if (packages.isEmpty()) {
      return "";
    }
    String[] common = packages.get(0).split("\\.");
    int length = common.length;
    for (String pkg : packages) {
      String[] parts = pkg.split("\\.");
      int i = 0;
      while (i < Math.min(length, parts.length) && parts[i].equals(common[i])) {
        i++;
      }
      length = i;
    }
    return String.join(".", java.util.Arrays.copyOf(common, length));
  }
}
