package dev.sourced.runtime.process;

import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.command.CommandResult;

/** Sends a command in-process, as the command API would: what a process manager's commands go through. */
@FunctionalInterface
public interface CommandSender {

  /**
   * @param command a command record
   * @param options its idempotency key, correlation, causation and caller
   * @return what it appended, or the first result for a repeated idempotency key
   * @throws dev.sourced.api.DomainException when the aggregate rejects it; and whatever
   *     {@link dev.sourced.runtime.command.CommandBus#handle} throws
   */
  CommandResult send(Record command, CommandOptions options);
}
