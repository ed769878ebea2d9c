package dev.sourced.runtime.store;

import dev.sourced.api.EventMetadata;
import java.time.Instant;

/**
 * One event as stored.
 *
 * @param streamId {@code <aggregate>#<id>}
 * @param version 1..n within the stream
 * @param type the event name
 * @param revision the schema revision {@code data} was written with
 * @param data the event record as JSON
 * @param eventId unique id
 * @param timestamp when it was appended
 * @param commandId the command that decided it
 * @param correlationId shared by everything one original request caused
 * @param causationId the message that directly caused it
 * @param principal who sent the command that decided it; null for events stored before principals were recorded
 */
public record StoredEvent(
    String streamId, long version, String type, int revision, String data, String eventId, Instant timestamp,
    String commandId, String correlationId, String causationId, String principal) {

  /** @return the metadata handlers see */
  public EventMetadata metadata() {
    return new EventMetadata(streamId, version, eventId, type, timestamp, commandId, correlationId,
        causationId, principal);
  }
}
