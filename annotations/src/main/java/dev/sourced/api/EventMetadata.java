package dev.sourced.api;

import java.time.Instant;

/**
 * Where an event came from. May be taken as the last parameter of an
 * {@link dev.sourced.annotations.EventHandler}.
 *
 * @param streamId the stream, {@code <aggregate-name>#<aggregate-id>}
 * @param version the event's position in its stream, 1..n
 * @param eventId unique id of the event
 * @param eventName the event's stable name
 * @param timestamp when the event was appended
 * @param commandId id of the command that decided it (its idempotency key when one was given)
 * @param correlationId id shared by everything one original request caused
 * @param causationId id of the message that directly caused this event
 * @param principal who sent the command that decided it ({@link Caller#principal()}), or {@code null} for an
 *     event stored before principals were recorded
 */
public record EventMetadata(
    String streamId,
    long version,
    String eventId,
    String eventName,
    Instant timestamp,
    String commandId,
    String correlationId,
    String causationId,
    String principal) {

  /**
   * Metadata without a principal, as events stored before principals were recorded have.
   *
   * @deprecated give the principal; kept for code written against the eight-component record
   */
  @Deprecated
  public EventMetadata(String streamId, long version, String eventId, String eventName, Instant timestamp,
      String commandId, String correlationId, String causationId) {
    this(streamId, version, eventId, eventName, timestamp, commandId, correlationId, causationId, null);
  }

  /**
   * The aggregate id part of the stream id.
   *
   * @return the text after the first {@code #}
   */
  public String aggregateId() {
    int hash = streamId.indexOf('#');
    return hash < 0 ? streamId : streamId.substring(hash + 1);
  }
}
