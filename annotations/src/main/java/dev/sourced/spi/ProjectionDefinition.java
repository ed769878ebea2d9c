package dev.sourced.spi;

import java.util.List;
import java.util.Objects;

/**
 * One projection.
 *
 * @param name kebab-case name
 * @param version the projection version (a new version is rebuilt from history)
 * @param type the user's projection class
 * @param viewType the view record its managed handlers return; {@code null} for a pure reactor
 * @param eventNames the names of the events it consumes, sorted: its EventBridge rule pattern
 * @param dispatcher generated event dispatcher
 * @param <V> the view type
 */
public record ProjectionDefinition<V>(
    String name,
    int version,
    Class<?> type,
    Class<V> viewType,
    List<String> eventNames,
    ProjectionDispatcher<V> dispatcher) {

  public ProjectionDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    eventNames = List.copyOf(eventNames);
    Objects.requireNonNull(dispatcher, "dispatcher");
  }
}
