package dev.sourced.spi;

import java.util.List;
import java.util.Optional;

/**
 * Everything one compilation unit declares, registered by the generated {@code SourcedApp} class without
 * reflection. Also listed in {@code META-INF/services} so tools (the local cloud, the test kit) can find
 * an application they were not compiled against.
 *
 * <p>The runtime's functions use the lookups ({@link #aggregate(Class)}, {@link #event(String, int)},
 * {@link #projectionsHandling(String)} …), which the generated registry ({@link GeneratedApplication}) answers by
 * making only the definitions asked for; the lists are for tools that walk the whole application. The defaults
 * search the lists, for registries written by hand (tests, variants).
 */
public interface SourcedApplication {
  /** Where the processor writes the app model ({@code docs/app-model.md}), beside the generated registry. */
  String APP_MODEL_RESOURCE = "META-INF/sourced/app-model.json";
  /** Where the processor writes the OpenAPI 3.1 document of every route, beside the generated registry. */
  String OPENAPI_RESOURCE = "META-INF/sourced/openapi.json";


  /** @return the application's name, lower-case kebab case; the EventBridge source of its events */
  String name();

  /** @return every aggregate, sorted by name */
  List<AggregateDefinition<?>> aggregates();

  /** @return every event record, all revisions, sorted by name then revision */
  List<EventDefinition> events();

  /** @return every projection, sorted by name */
  List<ProjectionDefinition<?>> projections();

  /** @return every query, sorted by route */
  List<QueryDefinition> queries();

  /** @return every process manager, sorted by name; none by default (registries generated before they existed) */
  default List<ProcessManagerDefinition<?>> processManagers() {
    return List.of();
  }

  /**
   * @param type the aggregate class
   * @return its definition, if this application declares it
   */
  @SuppressWarnings("unchecked")
  default <A> Optional<AggregateDefinition<A>> aggregate(Class<A> type) {
    return aggregates().stream()
        .filter(a -> a.type().equals(type))
        .map(a -> (AggregateDefinition<A>) a)
        .findFirst();
  }

  /**
   * @param commandType a command record class
   * @return the aggregate with a {@code @CommandHandler} for it, if this application declares one
   */
  default Optional<AggregateDefinition<?>> aggregateHandling(Class<?> commandType) {
    return aggregates().stream()
        .filter(a -> a.commands().stream().anyMatch(c -> c.type().equals(commandType)))
        .findFirst();
  }

  /**
   * @param type a projection class
   * @return its definition, if this application declares it
   */
  default Optional<ProjectionDefinition<?>> projection(Class<?> type) {
    return projections().stream().filter(p -> p.type().equals(type)).findFirst();
  }

  /**
   * @param name a projection's name
   * @return its definition, if this application declares it
   */
  default Optional<ProjectionDefinition<?>> projection(String name) {
    return projections().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * @param type a process manager class
   * @return its definition, if this application declares it
   */
  default Optional<ProcessManagerDefinition<?>> processManager(Class<?> type) {
    return processManagers().stream().filter(p -> p.type().equals(type)).findFirst();
  }

  /**
   * @param type an event record class of any revision
   * @return its definition, if this application declares it
   */
  default Optional<EventDefinition> event(Class<?> type) {
    return events().stream().filter(e -> e.type().equals(type)).findFirst();
  }

  /**
   * @param name a process manager's name
   * @return its definition, if this application declares it
   */
  default Optional<ProcessManagerDefinition<?>> processManager(String name) {
    return processManagers().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * @param name an event name
   * @param revision one of its revisions
   * @return the definition of that revision, if this application declares it
   */
  default Optional<EventDefinition> event(String name, int revision) {
    return events().stream().filter(e -> e.name().equals(name) && e.revision() == revision).findFirst();
  }

  /**
   * @param eventName an event name
   * @return the projections handling it, sorted by name
   */
  default List<ProjectionDefinition<?>> projectionsHandling(String eventName) {
    return projections().stream().filter(p -> p.eventNames().contains(eventName)).toList();
  }

  /**
   * @param eventName an event name
   * @return the process managers handling it, sorted by name
   */
  default List<ProcessManagerDefinition<?>> processManagersHandling(String eventName) {
    return processManagers().stream().filter(p -> p.eventNames().contains(eventName)).toList();
  }

  /**
   * @param projection a projection's name
   * @return its queries, sorted by route
   */
  default List<QueryDefinition> queries(String projection) {
    return queries().stream().filter(q -> q.projection().equals(projection)).toList();
  }
}
