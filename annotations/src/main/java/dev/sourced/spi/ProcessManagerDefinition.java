package dev.sourced.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One process manager.
 *
 * @param name kebab-case name
 * @param type the user's process manager class
 * @param stateType the state record its handlers return in a {@code ProcessStep}
 * @param eventNames the names of the events it handles, sorted: its EventBridge rule pattern
 * @param sends the command records it may send ({@code @ProcessManager(sends = ...)})
 * @param deadlines the names of its {@code @DeadlineHandler}s, sorted
 * @param dispatcher generated dispatcher, on an instance made with the no-arg constructor
 * @param dispatcherFactory makes a dispatcher for a given instance (one with dependencies, or a test double)
 * @param <S> the state record
 */
public record ProcessManagerDefinition<S>(
    String name,
    Class<?> type,
    Class<S> stateType,
    List<String> eventNames,
    List<Class<? extends Record>> sends,
    List<String> deadlines,
    ProcessManagerDispatcher<S> dispatcher,
    Function<Object, ProcessManagerDispatcher<S>> dispatcherFactory) {

  public ProcessManagerDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(stateType, "stateType");
    eventNames = List.copyOf(eventNames);
    sends = List.copyOf(sends);
    deadlines = List.copyOf(deadlines);
    Objects.requireNonNull(dispatcher, "dispatcher");
    Objects.requireNonNull(dispatcherFactory, "dispatcherFactory");
  }

  /** A process manager without deadlines. */
  public ProcessManagerDefinition(String name, Class<?> type, Class<S> stateType, List<String> eventNames,
      List<Class<? extends Record>> sends, ProcessManagerDispatcher<S> dispatcher,
      Function<Object, ProcessManagerDispatcher<S>> dispatcherFactory) {
    this(name, type, stateType, eventNames, sends, List.of(), dispatcher, dispatcherFactory);
  }

  /**
   * @param processManager an instance of {@link #type()}
   * @return a dispatcher calling that instance
   * @throws IllegalArgumentException if it is not an instance of {@link #type()}
   */
  public ProcessManagerDispatcher<S> dispatcherFor(Object processManager) {
    if (!type.isInstance(processManager)) {
      throw new IllegalArgumentException("process manager '" + name + "' needs an instance of " + type.getName()
          + "; found " + (processManager == null ? "null" : processManager.getClass().getName()));
    }
    return dispatcherFactory.apply(processManager);
  }
}
