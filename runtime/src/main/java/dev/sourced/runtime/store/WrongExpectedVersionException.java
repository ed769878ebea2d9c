package dev.sourced.runtime.store;

/** The stream moved past the expected version before the append: reload and decide again. */
public final class WrongExpectedVersionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WrongExpectedVersionException(String streamId, long expectedVersion) {
    super("stream " + streamId + " is past version " + expectedVersion);
  }
}
