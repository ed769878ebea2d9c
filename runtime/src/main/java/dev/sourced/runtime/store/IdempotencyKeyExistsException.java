package dev.sourced.runtime.store;

/** A command with this idempotency key was already committed. */
public final class IdempotencyKeyExistsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IdempotencyKeyExistsException(String key) {
    super("idempotency key " + key + " exists");
  }
}
