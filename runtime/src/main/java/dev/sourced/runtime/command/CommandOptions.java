package dev.sourced.runtime.command;

/**
 * How one command was sent.
 *
 * @param idempotencyKey the client's Idempotency-Key, or {@code null}
 * @param correlationId shared by everything the original request caused; generated when {@code null}
 * @param causationId the message that caused this command, or {@code null}
 */
public record CommandOptions(String idempotencyKey, String correlationId, String causationId) {
  /** No key, new correlation. */
  public static final CommandOptions NONE = new CommandOptions(null, null, null);

  /** @return options with only an idempotency key */
  public static CommandOptions idempotent(String key) {
    return new CommandOptions(key, null, null);
  }
}
