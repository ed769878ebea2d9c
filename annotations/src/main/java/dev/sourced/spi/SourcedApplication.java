package dev.sourced.spi;

import java.util.List;
import java.util.Optional;

/**
 * Everything one compilation unit declares, registered by the generated {@code SourcedApp} class without
 * reflection. Also listed in {@code META-INF/services} so tools (the local cloud, the test kit) can find
 * an application they were not compiled against.
 */
public interface SourcedApplication {

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
   * @param type a projection class
   * @return its definition, if this application declares it
   */
  default Optional<ProjectionDefinition<?>> projection(Class<?> type) {
    return projections().stream().filter(p -> p.type().equals(type)).findFirst();
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
}
