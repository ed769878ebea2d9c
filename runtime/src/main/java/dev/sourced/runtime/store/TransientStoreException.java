package dev.sourced.runtime.store;

/**
 * The store declined the request for now (a transaction conflict, throttling) or did not answer (a timeout,
 * a 5xx): retry after a pause. After a write without an answer, the write may have happened; the command bus
 * checks for its own events before deciding again.
 */
public final class TransientStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean outcomeUnknown;

  /** The store declined: nothing was written. */
  public TransientStoreException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /** @param outcomeUnknown whether a write may have happened (no answer, or a 5xx) */
  public TransientStoreException(String message, Throwable cause, boolean outcomeUnknown) {
    super(message, cause);
    this.outcomeUnknown = outcomeUnknown;
  }

  /** @return whether a write may have happened although it failed: no answer came, or a 5xx */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }
}
