package dev.sourced.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Everything one compilation unit declares. Every list is sorted, so writers produce byte-identical
 * output for the same sources.
 *
 * <p>The lookups writers and rules make per event, aggregate or projection are answered from indexes
 * built once here, so that the processor's work grows linearly with the application: scanning every
 * event for every event made a 1,000-aggregate app take minutes.
 */
public final class AppModel {
  private final String name;
  private final String packageName;
  private final List<AggregateModel> aggregates;
  private final List<EventType> events;
  private final List<UpcasterMethod> upcasters;
  private final List<ProjectionModel> projections;
  private final List<ProcessManagerModel> processManagers;
  private final List<QueryHandlerMethod> queries;
  private final SortedMap<String, RecordShape> shapes;

  private final Map<ClassName, EventType> eventsByType = new HashMap<>();
  private final Map<String, EventType> newestByName = new LinkedHashMap<>();
  private final List<EventType> newestEvents;
  private final Map<ClassName, List<AggregateModel>> emittersByEvent = new HashMap<>();
  private final Map<ClassName, UpcasterMethod> upcastersByFrom = new HashMap<>();
  private final Map<String, List<QueryHandlerMethod>> queriesByProjection = new HashMap<>();
  private final Map<ClassName, AggregateModel> aggregateByCommand = new HashMap<>();
  private final Map<ClassName, CommandHandlerMethod> handlerByCommand = new HashMap<>();

  /**
   * @param name the application's kebab-case name
   * @param packageName the package of the generated {@code SourcedApp}
   * @param aggregates sorted by name
   * @param events every event record, sorted by name then revision
   * @param upcasters sorted by source record
   * @param projections sorted by name
   * @param processManagers sorted by name
   * @param queries sorted by route
   * @param shapes every record reachable from commands, events, queries and views, by class name
   */
  public AppModel(String name, String packageName, List<AggregateModel> aggregates, List<EventType> events,
      List<UpcasterMethod> upcasters, List<ProjectionModel> projections, List<ProcessManagerModel> processManagers,
      List<QueryHandlerMethod> queries, SortedMap<String, RecordShape> shapes) {
    this.name = name;
    this.packageName = packageName;
    this.aggregates = aggregates;
    this.events = events;
    this.upcasters = upcasters;
    this.projections = projections;
    this.processManagers = processManagers;
    this.queries = queries;
    this.shapes = shapes;
    for (EventType event : events) {
      eventsByType.putIfAbsent(event.type(), event);
      newestByName.merge(event.name(), event, (a, b) -> b.revision() > a.revision() ? b : a);
    }
    newestEvents = events.stream().filter(e -> newestByName.get(e.name()) == e).toList();
    for (AggregateModel aggregate : aggregates) {
      aggregate.commandHandlers().stream()
          .flatMap(c -> c.events().stream())
          .distinct()
          .forEach(type -> emittersByEvent.computeIfAbsent(type, t -> new ArrayList<>()).add(aggregate));
      for (CommandHandlerMethod handler : aggregate.commandHandlers()) {
        aggregateByCommand.putIfAbsent(handler.command(), aggregate);
        handlerByCommand.putIfAbsent(handler.command(), handler);
      }
    }
    upcasters.forEach(u -> upcastersByFrom.putIfAbsent(u.from(), u));
    queries.forEach(q -> queriesByProjection.computeIfAbsent(q.projection(), p -> new ArrayList<>()).add(q));
  }

  public String name() {
    return name;
  }

  public String packageName() {
    return packageName;
  }

  public List<AggregateModel> aggregates() {
    return aggregates;
  }

  public List<EventType> events() {
    return events;
  }

  public List<UpcasterMethod> upcasters() {
    return upcasters;
  }

  public List<ProjectionModel> projections() {
    return projections;
  }

  public List<ProcessManagerModel> processManagers() {
    return processManagers;
  }

  public List<QueryHandlerMethod> queries() {
    return queries;
  }

  public SortedMap<String, RecordShape> shapes() {
    return shapes;
  }

  /** @return the newest revision of every event name, sorted by name */
  public List<EventType> newestEvents() {
    return newestEvents;
  }

  /** @return whether {@code event} is the newest revision of its name */
  public boolean isNewest(EventType event) {
    return newestByName.get(event.name()) == event;
  }

  /** @return the newest revision of the event named {@code name}, if any */
  public Optional<EventType> newestEvent(String name) {
    return Optional.ofNullable(newestByName.get(name));
  }

  /**
   * @param type a record class
   * @return its shape
   */
  public RecordShape shape(ClassName type) {
    RecordShape shape = shapes.get(type.canonicalName());
    if (shape == null) {
      throw new IllegalStateException("no shape for " + type);
    }
    return shape;
  }

  /**
   * @param type an event record class
   * @return its event type
   */
  public Optional<EventType> event(ClassName type) {
    return Optional.ofNullable(eventsByType.get(type));
  }

  /**
   * @param from an event record class of an older revision
   * @return the upcaster from it, if one is declared
   */
  public Optional<UpcasterMethod> upcaster(ClassName from) {
    return Optional.ofNullable(upcastersByFrom.get(from));
  }

  /**
   * @param projection a projection's name
   * @return the queries answered from its views, sorted by route
   */
  public List<QueryHandlerMethod> queriesOf(String projection) {
    return queriesByProjection.getOrDefault(projection, List.of());
  }

  /**
   * @param command a command record class
   * @return the aggregate handling it, if one does (the first by name when several do, which is reported)
   */
  public Optional<AggregateModel> handlingAggregate(ClassName command) {
    return Optional.ofNullable(aggregateByCommand.get(command));
  }

  /**
   * @param command a command record class
   * @return its handler, if an aggregate handles it (the first by aggregate name when several do, which is reported)
   */
  public Optional<CommandHandlerMethod> commandHandler(ClassName command) {
    return Optional.ofNullable(handlerByCommand.get(command));
  }

  /**
   * @param type an event record class (newest revision)
   * @return the aggregates whose command handlers return it, sorted by name
   */
  public List<AggregateModel> emitters(ClassName type) {
    return emittersByEvent.getOrDefault(type, List.of());
  }

  /**
   * The component of an event that holds its aggregate's id: the one named like the {@code @AggregateId}
   * of every command of every aggregate emitting it, when the event has such a String component.
   *
   * @param type an event record class
   * @return the component name, if there is one
   */
  public Optional<String> eventAggregateIdComponent(ClassName type) {
    List<String> idNames =
        emitters(type).stream()
            .flatMap(a -> a.commandHandlers().stream())
            .map(CommandHandlerMethod::aggregateIdComponent)
            .distinct()
            .toList();
    if (idNames.size() != 1 || !shapes.containsKey(type.canonicalName())) {
      return Optional.empty();
    }
    return shape(type)
        .component(idNames.get(0))
        .filter(c -> c.type().equals(new JsonType.Scalar(JsonType.ScalarKind.STRING, false)))
        .map(Component::name);
  }
}
