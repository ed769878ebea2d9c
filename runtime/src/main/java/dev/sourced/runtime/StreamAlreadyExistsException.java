package dev.sourced.runtime;

/** A creation command was sent for a stream that already has events (HTTP 409). */
public final class StreamAlreadyExistsException extends SourcedException {
  private static final long serialVersionUID = 1L;
  private final String streamId;

  public StreamAlreadyExistsException(String streamId, String command) {
    super("stream " + streamId + " already exists, so creation command " + command + " cannot start it");
    this.streamId = streamId;
  }

  /** @return the stream */
  public String streamId() {
    return streamId;
  }
}
