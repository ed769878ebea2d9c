package dev.sourced.runtime.event;

import dev.sourced.spi.EventDefinition;
import dev.sourced.spi.SourcedApplication;
import java.util.HashMap;
import java.util.Map;

/** Upcasts events of old revisions, through each revision in turn, to the newest one. */
public final class Upcasting {
  private final Map<Class<?>, EventDefinition> byType = new HashMap<>();
  private final Map<String, EventDefinition> byNameAndRevision = new HashMap<>();

  public Upcasting(SourcedApplication app) {
    for (EventDefinition event : app.events()) {
      byType.put(event.type(), event);
      byNameAndRevision.put(event.name() + "@" + event.revision(), event);
    }
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
    return byNameAndRevision.get(name + "@" + revision);
  }
}
