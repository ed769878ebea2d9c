package dev.sourced.runtime.event;

import dev.sourced.spi.EventDefinition;
import dev.sourced.spi.SourcedApplication;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upcasts events of old revisions, through each revision in turn, to the newest one. Looks each definition up in the
 * registry when it first meets it, so that a function makes the definitions of the events it sees, not of all.
 */
public final class Upcasting {
  private final SourcedApplication app;
  private final Map<Class<?>, EventDefinition> byType = new ConcurrentHashMap<>();
  private final Map<String, EventDefinition> byNameAndRevision = new ConcurrentHashMap<>();

  public Upcasting(SourcedApplication app) {
    this.app = app;
  }

  /**
   * @param event an event record of any registered revision
   * @return the same event at its newest revision
   * @throws IllegalArgumentException if the record is not a registered event
   */
  public Record toNewest(Record event) {
    Record current = event;
    EventDefinition definition = definition(current);
    while (!definition.newest()) {
      current = definition.upcaster().apply(current);
      definition = definition(current);
    }
    return current;
  }

  /**
   * @param event an event record
   * @return its definition
   * @throws IllegalArgumentException if the record is not a registered event
   */
  public EventDefinition definition(Record event) {
    EventDefinition definition = byType.get(event.getClass());
    if (definition == null) {
      definition = app.event(event.getClass()).orElse(null);
      if (definition != null) {
        byType.put(event.getClass(), definition);
        return definition;
      }
      throw new IllegalArgumentException(event.getClass().getName()
          + " is not an event of this application; events are records returned by @CommandHandler methods or"
          + " annotated @Event");
    }
    return definition;
  }

  /**
   * @param name an event name
   * @param revision a revision
   * @return its definition, or {@code null} if unknown
   */
  public EventDefinition definition(String name, int revision) {
    String key = name + "@" + revision;
    EventDefinition definition = byNameAndRevision.get(key);
    if (definition == null) {
      definition = app.event(name, revision).orElse(null);
      if (definition != null) {
        byNameAndRevision.put(key, definition);
      }
    }
    return definition;
  }
}
