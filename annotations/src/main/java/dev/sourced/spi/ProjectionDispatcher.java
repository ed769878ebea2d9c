package dev.sourced.spi;

import dev.sourced.api.EventMetadata;

/**
 * Generated per projection: calls its {@code @EventHandler} methods.
 *
 * @param <V> the view type
 */
public interface ProjectionDispatcher<V> {

  /** How a projection handles one event type. */
  enum Handling {
    /** The projection has no handler for it. */
    NONE,
    /** A managed handler folds it into a view. */
    VIEW,
    /** A void handler reacts to it. */
    REACTOR
  }

  /**
   * @param event an event record of the newest revision
   * @return how this projection handles it
   */
  Handling handling(Record event);

  /**
   * @param event an event with {@link Handling#VIEW}
   * @param metadata its metadata
   * @return the key of the view it changes: the {@code @ViewKey} component, else the aggregate id
   */
  String viewKey(Record event, EventMetadata metadata);

  /**
   * Folds an event into a view.
   *
   * @param event an event with {@link Handling#VIEW}
   * @param metadata its metadata
   * @param current the current view, {@code null} if none
   * @return the next view; {@code null} deletes it
   */
  V apply(Record event, EventMetadata metadata, V current);

  /**
   * Runs the reactor for an event.
   *
   * @param event an event with {@link Handling#REACTOR}
   * @param metadata its metadata
   */
  void react(Record event, EventMetadata metadata);
}
