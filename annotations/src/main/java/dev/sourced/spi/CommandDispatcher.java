package dev.sourced.spi;

import dev.sourced.api.CommandContext;
import java.util.List;

/**
 * Generated per aggregate: calls the {@code @CommandHandler} method for a command.
 *
 * @param <A> the aggregate class
 */
public interface CommandDispatcher<A> {

  /**
   * @param command a command record this aggregate handles
   * @return the value of its {@code @AggregateId} component
   * @throws IllegalArgumentException if the aggregate does not handle this command type
   */
  String aggregateId(Record command);

  /**
   * @param command a command record this aggregate handles
   * @return whether its handler is a (static) creation handler
   */
  boolean isCreation(Record command);

  /**
   * Runs the handler.
   *
   * @param aggregate the aggregate rebuilt from its stream; ignored (may be {@code null}) for creation
   *     commands
   * @param command the command
   * @param context how it was sent, passed to a handler that takes a {@link CommandContext}
   * @return the events decided, possibly none
   * @throws dev.sourced.api.DomainException when the handler rejects the command
   */
  List<Record> dispatch(A aggregate, Record command, CommandContext context);
}
