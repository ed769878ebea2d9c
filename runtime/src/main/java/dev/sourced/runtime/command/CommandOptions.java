package dev.sourced.runtime.command;

import dev.sourced.api.Caller;

/**
 * How one command was sent.
 *
 * <p>The command API fills them from the request: the {@code Idempotency-Key}, the {@code x-correlation-id} and
 * the caller the HTTP API's authorizer vouched for. Application code that sends a command itself (a process
 * manager) names itself and what caused the command:
 *
 * <pre>{@code
 * new CommandOptions(triggeringEvent.eventId(), triggeringEvent.correlationId(), triggeringEvent.eventId(),
 *     Caller.service("process-manager:order-fulfilment"))
 * }</pre>
 *
 * @param idempotencyKey the client's Idempotency-Key, or {@code null}
 * @param correlationId shared by everything the original request caused; generated when {@code null}
 * @param causationId the message that caused this command, or {@code null}
 * @param caller who sent it; {@code null} means {@link Caller#ANONYMOUS}
 */
public record CommandOptions(String idempotencyKey, String correlationId, String causationId, Caller caller) {
  /** No key, new correlation, anonymous. */
  public static final CommandOptions NONE = new CommandOptions(null, null, null, null);

  /** Options of an anonymous caller. */
  public CommandOptions(String idempotencyKey, String correlationId, String causationId) {
    this(idempotencyKey, correlationId, causationId, null);
  }

  public CommandOptions {
    caller = caller == null ? Caller.ANONYMOUS : caller;
  }

  /** @return options with only an idempotency key */
  public static CommandOptions idempotent(String key) {
    return new CommandOptions(key, null, null, null);
  }

  /** @return these options sent by {@code caller} */
  public CommandOptions by(Caller caller) {
    return new CommandOptions(idempotencyKey, correlationId, causationId, caller);
  }
}
