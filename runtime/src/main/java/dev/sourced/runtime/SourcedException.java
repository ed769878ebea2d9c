package dev.sourced.runtime;

/** Base of the exceptions the runtime raises for conditions a client can act on. */
public abstract class SourcedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected SourcedException(String message) {
    super(message);
  }

  protected SourcedException(String message, Throwable cause) {
    super(message, cause);
  }
}
