package dev.sourced.spi;

import java.util.List;

/** Small helpers that keep generated dispatchers short. */
public final class Dispatch {
  private Dispatch() {}

  /**
   * @param event what a single-event command handler returned
   * @return a list of it, empty for {@code null}
   */
  public static List<Record> one(Record event) {
    return event == null ? List.of() : List.of(event);
  }

  /**
   * @param events what a list-returning command handler returned
   * @return an immutable copy, empty for {@code null}
   * @throws NullPointerException naming the handler if the list contains null
   */
  public static List<Record> many(List<? extends Record> events, String handler) {
    if (events == null) {
      return List.of();
    }
    for (Record event : events) {
      if (event == null) {
        throw new NullPointerException(handler + " returned a list containing null; return only events");
      }
    }
    return List.copyOf(events);
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
