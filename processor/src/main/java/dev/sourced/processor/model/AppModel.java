package dev.sourced.processor.model;

import com.squareup.javapoet.ClassName;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Everything one compilation unit declares. Every list is sorted, so writers produce byte-identical
 * output for the same sources.
 *
 * @param name the application's kebab-case name
 * @param packageName the package of the generated {@code SourcedApp}
 * @param aggregates sorted by name
 * @param events every event record, sorted by name then revision
 * @param upcasters sorted by source record
 * @param projections sorted by name
 * @param queries sorted by route
 * @param shapes every record reachable from commands, events, queries and views, by class name
 */
public record AppModel(
    String name,
    String packageName,
    List<AggregateModel> aggregates,
    List<EventType> events,
    List<UpcasterMethod> upcasters,
    List<ProjectionModel> projections,
    List<QueryHandlerMethod> queries,
    SortedMap<String, RecordShape> shapes) {

  /** @return the newest revision of every event name, sorted by name */
  public List<EventType> newestEvents() {
    return events.stream()
        .filter(e -> events.stream().noneMatch(o -> o.name().equals(e.name()) && o.revision() > e.revision()))
        .toList();
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
    return events.stream().filter(e -> e.type().equals(type)).findFirst();
  }

  /**
   * @param type an event record class (newest revision)
   * @return the aggregates whose command handlers return it, sorted by name
   */
  public List<AggregateModel> emitters(ClassName type) {
    return aggregates.stream()
        .filter(a -> a.commandHandlers().stream().anyMatch(c -> c.events().contains(type)))
        .toList();
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
