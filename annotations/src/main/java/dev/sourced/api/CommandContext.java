package dev.sourced.api;

import java.util.Objects;

/**
 * How the command being handled was sent. A {@link dev.sourced.annotations.CommandHandler} may take it as
 * its last parameter, after the command:
 *
 * <pre>{@code
 * @CommandHandler(claims = "email")
 * static CartOpened open(OpenCart command, CommandContext context) {
 *   return new CartOpened(command.cartId(), command.customerId(), context.caller().principal());
 * }
 * }</pre>
 *
 * A command is decided again when its append loses a race, so a handler may see the same context more than
 * once; it is the same each time.
 *
 * @param commandId the command's id: its idempotency key when one was given, else a new random id; every
 *     event it appends records it ({@link EventMetadata#commandId()})
 * @param correlationId shared by everything the original request caused ({@code x-correlation-id}, else the
 *     request's id)
 * @param causationId the message that caused this command (a process manager's triggering event), or
 *     {@code null} for a command a client sent
 * @param idempotencyKey the client's {@code Idempotency-Key}, or {@code null}
 * @param caller who sent it
 */
public record CommandContext(
    String commandId, String correlationId, String causationId, String idempotencyKey, Caller caller) {

  public CommandContext {
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(caller, "caller");
  }
}
