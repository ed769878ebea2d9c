package dev.sourced.runtime.store;

/**
 * A command with this idempotency key was already committed. The store may hand back the record it found
 * with the refusal (DynamoDB returns it with a failed condition at no extra cost), which saves the caller
 * reading it.
 */
public final class IdempotencyKeyExistsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient IdempotencyRecord record;

  /** @param key the scoped key; the caller reads the record */
  public IdempotencyKeyExistsException(String key) {
    this(key, null);
  }

  /**
   * @param key the scoped key
   * @param record the record that exists, or {@code null} when the store did not return it
   */
  public IdempotencyKeyExistsException(String key, IdempotencyRecord record) {
    super("idempotency key " + key + " exists");
    this.record = record;
  }

  /** @return the record that exists, or {@code null} when the store did not return it */
  public IdempotencyRecord record() {
    return record;
  }
}
