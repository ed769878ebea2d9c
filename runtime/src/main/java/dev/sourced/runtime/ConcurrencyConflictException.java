package dev.sourced.runtime;

/** A command kept losing the race for its stream's next version and gave up after its retries (HTTP 409). */
public final class ConcurrencyConflictException extends SourcedException {
  private static final long serialVersionUID = 1L;

  public ConcurrencyConflictException(String streamId, int attempts) {
    super("stream " + streamId + " changed concurrently on each of " + attempts + " attempts; retry the command");
  }
}
