package dev.sourced.runtime.store;

import java.util.List;

/**
 * The newest events of a stream, as one read found them.
 *
 * @param events at most the number asked for, in version order (oldest first); empty when the stream has no events
 * @param fromStart whether {@code events} begin at the stream's first event, so they are the whole stream
 */
public record StreamTail(List<StoredEvent> events, boolean fromStart) {
  public StreamTail {
    events = List.copyOf(events);
  }

  /** @return the version of the oldest event in hand, or 0 when there is none */
  public long firstVersion() {
    return events.isEmpty() ? 0 : events.get(0).version();
  }
}
