package dev.sourced.runtime;

/** An event would exceed DynamoDB's 400 KB item limit; nothing was written (HTTP 413). */
public final class EventTooLargeException extends SourcedException {
  private static final long serialVersionUID = 1L;

  public EventTooLargeException(String type, long bytes, long limit) {
    super("event " + type + " would be stored as an item of " + bytes + " bytes; DynamoDB allows " + limit
        + ". Store large payloads elsewhere (e.g. S3) and put a reference in the event");
  }
}
