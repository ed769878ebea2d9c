package dev.sourced.spi;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One aggregate: its name, commands, and the generated code that decides and applies.
 *
 * @param name kebab-case name, the stream id prefix ({@code <name>#<id>})
 * @param type the user's aggregate class
 * @param snapshotEvery events between snapshots, 0 for none
 * @param snapshotType the state record of a {@code Snapshotting} aggregate, {@code null} without snapshots
 * @param snapshotSchema identifies the shape of {@code snapshotType}; snapshots of another shape are ignored
 * @param commands the commands it handles, sorted by name
 * @param dispatcher generated command dispatcher
 * @param applier generated event applier
 * @param cachedStreams how many streams a command bus keeps the aggregate of between commands
 *     ({@code @Aggregate(cachedStreams)}), 0 for none
 * @param <A> the aggregate class
 */
public record AggregateDefinition<A>(
    String name,
    Class<A> type,
    int snapshotEvery,
    Class<? extends Record> snapshotType,
    String snapshotSchema,
    List<CommandDefinition> commands,
    CommandDispatcher<A> dispatcher,
    EventApplier<A> applier,
    int cachedStreams) {

  public AggregateDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    commands = List.copyOf(commands);
    Objects.requireNonNull(dispatcher, "dispatcher");
    Objects.requireNonNull(applier, "applier");
    if (cachedStreams < 0) {
      throw new IllegalArgumentException("cachedStreams must not be negative; found " + cachedStreams);
    }
  }

  /** An aggregate whose streams no command bus keeps between commands. */
  public AggregateDefinition(String name, Class<A> type, int snapshotEvery, Class<? extends Record> snapshotType,
      String snapshotSchema, List<CommandDefinition> commands, CommandDispatcher<A> dispatcher, EventApplier<A> applier) {
    this(name, type, snapshotEvery, snapshotType, snapshotSchema, commands, dispatcher, applier, 0);
  }

  /**
   * @param commandType a command record class
   * @return its definition
   * @throws IllegalArgumentException if this aggregate does not handle it
   */
  public CommandDefinition command(Class<?> commandType) {
    for (CommandDefinition command : commands) {
      if (command.type().equals(commandType)) {
        return command;
      }
    }
    throw new IllegalArgumentException(
        "aggregate '" + name + "' has no @CommandHandler for " + commandType.getName());
  }

  /** @return the scopes its creation commands claim unique values in ({@code @Unique}), sorted; empty for none */
  public List<String> uniqueScopes() {
    TreeSet<String> scopes = new TreeSet<>();
    for (CommandDefinition command : commands) {
      command.unique().forEach(value -> scopes.add(value.scope()));
    }
    return List.copyOf(scopes);
  }

  /**
   * @param aggregateId the aggregate id
   * @return the stream id, {@code <name>#<aggregateId>}
   */
  public String streamId(String aggregateId) {
    return name + "#" + aggregateId;
  }
}
