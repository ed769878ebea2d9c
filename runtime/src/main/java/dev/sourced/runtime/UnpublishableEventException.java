package dev.sourced.runtime;

/**
 * A command decided an event that could be stored but not carried through the rest of the pipeline:
 * EventBridge or SQS would refuse it, the codec could not read it back, or a projection could not store
 * the view it keys. Nothing was written. The HTTP API answers 400 naming the request's field when the
 * offending value came from the request, else 422.
 */
public final class UnpublishableEventException extends SourcedException {
  private static final long serialVersionUID = 1L;
  private final String eventType;
  private final String path;
  private final transient String value;

  /**
   * @param eventType the event's name
   * @param path the JSON path in the event of the offending value
   * @param problem what is wrong with it
   * @param value the offending string, when the problem is a string's (to find it in the request), else null
   */
  public UnpublishableEventException(String eventType, String path, String problem, String value) {
    super("event " + eventType + " cannot be published: " + path + " " + problem + "; nothing was written");
    this.eventType = eventType;
    this.path = path;
    this.value = value;
  }

  /** @return the event's name */
  public String eventType() {
    return eventType;
  }

  /** @return the JSON path in the event */
  public String path() {
    return path;
  }

  /** @return the offending string, or null */
  public String value() {
    return value;
  }
}
