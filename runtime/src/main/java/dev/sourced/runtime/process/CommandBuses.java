package dev.sourced.runtime.process;

import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.command.CommandResult;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.store.EventStore;
import dev.sourced.runtime.store.SnapshotStore;
import dev.sourced.spi.AggregateDefinition;
import dev.sourced.spi.SourcedApplication;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** One command bus per aggregate that handles a given set of commands: a process manager's {@link CommandSender}. */
public final class CommandBuses implements CommandSender {
  private final Map<Class<?>, CommandBus<?>> byCommand;

  private CommandBuses(Map<Class<?>, CommandBus<?>> byCommand) {
    this.byCommand = Map.copyOf(byCommand);
  }

  /**
   * @param app the generated registry
   * @param codecs its codecs
   * @param store the event store
   * @param snapshots the snapshot store, or {@code null} when no aggregate snapshots
   * @param idempotencyTtl how long idempotency records are kept, as the command functions keep them
   * @param commands the command types to route (a process manager's {@code sends})
   * @return buses for the aggregates handling them
   * @throws IllegalArgumentException when no aggregate handles one of them
   */
  public static CommandBuses of(SourcedApplication app, JsonCodecs codecs, EventStore store, SnapshotStore snapshots,
      Duration idempotencyTtl, Collection<Class<? extends Record>> commands) {
    Map<Class<?>, CommandBus<?>> byAggregate = new HashMap<>();
    Map<Class<?>, CommandBus<?>> byCommand = new HashMap<>();
    for (Class<? extends Record> command : commands) {
      AggregateDefinition<?> aggregate = handling(app, command);
      CommandBus<?> bus = byAggregate.computeIfAbsent(aggregate.type(), type -> {
        CommandBus.Builder<?> builder = CommandBus.builder(app, type).codecs(codecs).eventStore(store)
            .idempotencyTtl(idempotencyTtl);
        if (snapshots != null) {
          builder.snapshotStore(snapshots);
        }
        return builder.build();
      });
      byCommand.put(command, bus);
    }
    return new CommandBuses(byCommand);
  }

  private static AggregateDefinition<?> handling(SourcedApplication app, Class<?> command) {
    return app.aggregateHandling(command).orElseThrow(() ->
        new IllegalArgumentException(app.name() + " has no @CommandHandler for " + command.getName()));
  }

  @Override
  public CommandResult send(Record command, CommandOptions options) {
    CommandBus<?> bus = byCommand.get(command.getClass());
    if (bus == null) {
      throw new IllegalArgumentException("no command bus routes " + command.getClass().getName());
    }
    return bus.handle(command, options);
  }
}
