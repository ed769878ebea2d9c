package dev.sourced.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One projection.
 *
 * @param name kebab-case name
 * @param version the projection version (a new version is rebuilt from history)
 * @param type the user's projection class
 * @param viewType the view record its managed handlers return; {@code null} for a pure reactor
 * @param eventNames the names of the events it consumes, sorted: its EventBridge rule pattern
 * @param dispatcher generated event dispatcher, on an instance made with the no-arg constructor
 * @param dispatcherFactory makes a dispatcher for a given projection instance (one with dependencies,
 *     or a test double)
 * @param <V> the view type
 */
public record ProjectionDefinition<V>(
    String name,
    int version,
    Class<?> type,
    Class<V> viewType,
    List<String> eventNames,
    ProjectionDispatcher<V> dispatcher,
    Function<Object, ProjectionDispatcher<V>> dispatcherFactory) {

  public ProjectionDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    eventNames = List.copyOf(eventNames);
    Objects.requireNonNull(dispatcher, "dispatcher");
    Objects.requireNonNull(dispatcherFactory, "dispatcherFactory");
  }

  /**
   * @param projection an instance of {@link #type()}
   * @return a dispatcher calling that instance
   * @throws IllegalArgumentException if it is not an instance of {@link #type()}
   */
  public ProjectionDispatcher<V> dispatcherFor(Object projection) {
    if (!type.isInstance(projection)) {
      throw new IllegalArgumentException("projection '" + name + "' needs an instance of " + type.getName()
          + "; found " + (projection == null ? "null" : projection.getClass().getName()));
    }
    return dispatcherFactory.apply(projection);
  }
}
