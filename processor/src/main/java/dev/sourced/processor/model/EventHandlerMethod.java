package dev.sourced.processor.model;

import com.squareup.javapoet.ClassName;

/**
 * One {@code @EventHandler}.
 *
 * @param event the event record it handles
 * @param method the method name
 * @param kind its shape
 * @param metadata whether it takes {@code EventMetadata} last
 * @param viewKeyComponent the event component holding the view key, {@code null} for the stream's id
 */
public record EventHandlerMethod(
    ClassName event, String method, Kind kind, boolean metadata, String viewKeyComponent) {

  /** The three handler shapes. */
  public enum Kind {
    /** {@code View on(Event)} */
    START,
    /** {@code View on(Event, View)} */
    FOLD,
    /** {@code void on(Event)} */
    REACTOR
  }
}
