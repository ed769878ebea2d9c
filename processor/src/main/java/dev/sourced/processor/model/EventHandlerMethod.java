package dev.sourced.processor.model;

import com.palantir.javapoet.ClassName;

/**
 * One {@code @EventHandler}, of a projection or of a process manager.
 *
 * @param event the event record it handles
 * @param method the method name
 * @param kind its shape
 * @param metadata whether it takes {@code EventMetadata} last
 * @param keyComponent the event component holding the key of what it updates (a projection's {@code @ViewKey}, a
 *     process manager's {@code @AssociationKey}), {@code null} for the stream's aggregate id
 */
public record EventHandlerMethod(
    ClassName event, String method, Kind kind, boolean metadata, String keyComponent) {

  /** The three handler shapes. */
  public enum Kind {
    /** {@code View on(Event)}, or {@code ProcessStep<S> on(Event)} */
    START,
    /** {@code View on(Event, View)}, or {@code ProcessStep<S> on(Event, S)} */
    FOLD,
    /** {@code void on(Event)} */
    REACTOR
  }
}
