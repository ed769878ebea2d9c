package dev.sourced.runtime.store;

import java.util.List;
import java.util.Objects;

/**
 * Events to append to one stream, all or nothing.
 *
 * @param streamId the stream
 * @param expectedVersion the stream's current version (0 for a new stream); the append fails if another
 *     writer got there first
 * @param events the events, with versions {@code expectedVersion + 1 ..}
 * @param idempotency the command's idempotency record, written in the same transaction; {@code null} when
 *     the command carried no key
 * @param unique how the append changes the stream's unique values, at most one change per scope, written in the same
 *     transaction; empty for none
 */
public record AppendRequest(String streamId, long expectedVersion, List<StoredEvent> events, IdempotencyRecord idempotency,
    List<UniqueChange> unique) {
  public AppendRequest {
    Objects.requireNonNull(streamId, "streamId");
    events = List.copyOf(events);
    unique = List.copyOf(unique);
    if (unique.stream().map(UniqueChange::scope).distinct().count() < unique.size()) {
      throw new IllegalArgumentException("an append changes each scope of unique values at most once; found " + unique);
    }
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).version() != expectedVersion + 1 + i || !events.get(i).streamId().equals(streamId)) {
        throw new IllegalArgumentException("event " + i + " must be version " + (expectedVersion + 1 + i) + " of " + streamId);
      }
    }
  }

  /** An append that changes no unique value. */
  public AppendRequest(String streamId, long expectedVersion, List<StoredEvent> events, IdempotencyRecord idempotency) {
    this(streamId, expectedVersion, events, idempotency, List.of());
  }
}
