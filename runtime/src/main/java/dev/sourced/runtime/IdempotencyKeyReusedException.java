package dev.sourced.runtime;

/** An Idempotency-Key was sent again with a different command (HTTP 422): the key must identify one request. */
public final class IdempotencyKeyReusedException extends SourcedException {
  private static final long serialVersionUID = 1L;

  public IdempotencyKeyReusedException(String key) {
    super("Idempotency-Key '" + key + "' was already used for a different command; use a new key for a new command");
  }
}
