package dev.sourced.runtime;

/** A command for an existing aggregate was sent for a stream that has no events (HTTP 404). */
public final class StreamNotFoundException extends SourcedException {
  private static final long serialVersionUID = 1L;
  private final String streamId;

  public StreamNotFoundException(String streamId, String command) {
    super("stream " + streamId + " does not exist; send its creation command before " + command);
    this.streamId = streamId;
  }

  /** @return the stream */
  public String streamId() {
    return streamId;
  }
}
