package dev.sourced.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * One aggregate.
 *
 * @param name its kebab-case name
 * @param type the user's class
 * @param snapshotEvery events between snapshots, 0 for none
 * @param snapshotType the state record of a {@code Snapshotting} aggregate, or {@code null}
 * @param commandHandlers sorted by command name
 * @param eventSourcingHandlers sorted by event class
 * @param cachedStreams streams a command bus keeps the aggregate of between commands, 0 for none
 */
public record AggregateModel(
    String name,
    ClassName type,
    int snapshotEvery,
    ClassName snapshotType,
    List<CommandHandlerMethod> commandHandlers,
    List<EventSourcingHandlerMethod> eventSourcingHandlers,
    int cachedStreams) {
  public AggregateModel {
    commandHandlers = List.copyOf(commandHandlers);
    eventSourcingHandlers = List.copyOf(eventSourcingHandlers);
  }
}
