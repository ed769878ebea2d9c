package dev.sourced.runtime.store;

/** The store declined the request for now (a transaction conflict, throttling): retry after a pause. */
public final class TransientStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TransientStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
