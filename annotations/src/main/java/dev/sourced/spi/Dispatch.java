package dev.sourced.spi;

import java.util.List;

/** Small helpers that keep generated dispatchers short. */
public final class Dispatch {
  private Dispatch() {}

  /**
   * @param event what a single-event command handler returned: an event record, or a value of a sealed
   *     interface whose permitted subtypes are event records
   * @param handler the handler, for messages
   * @return a list of it, empty for {@code null}
   */
  public static List<Record> one(Object event, String handler) {
    return event == null ? List.of() : List.of(record(event, handler));
  }

  /**
   * @param events what a list-returning command handler returned
   * @param handler the handler, for messages
   * @return an immutable copy, empty for {@code null}
   * @throws NullPointerException naming the handler if the list contains null
   */
  public static List<Record> many(List<?> events, String handler) {
    if (events == null) {
      return List.of();
    }
    Record[] records = new Record[events.size()];
    for (int i = 0; i < records.length; i++) {
      Object event = events.get(i);
      if (event == null) {
        throw new NullPointerException(handler + " returned a list containing null; return only events");
      }
      records[i] = record(event, handler);
    }
    return List.of(records);
  }

  private static Record record(Object event, String handler) {
    if (event instanceof Record record) {
      return record;
    }
    // unreachable for code the processor accepted: sealed interfaces it allows permit only records
    throw new IllegalStateException(handler + " returned " + event.getClass().getName() + ", which is not a record");
  }

  /**
   * @param owner the generated class
   * @param kind "command", "event" or "query"
   * @param message what it was given
   * @return an exception saying the message type is not handled there
   */
  public static IllegalArgumentException unknown(String owner, String kind, Object message) {
    return new IllegalArgumentException(
        owner + " has no handler for " + kind + " " + (message == null ? "null" : message.getClass().getName()));
  }
}
