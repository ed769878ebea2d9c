package dev.sourced.bench;

import dev.sourced.runtime.store.AppendRequest;
import dev.sourced.runtime.store.EventStore;
import dev.sourced.runtime.store.IdempotencyKeyExistsException;
import dev.sourced.runtime.store.IdempotencyRecord;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.runtime.store.WrongExpectedVersionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event store in memory, with the same contract as the DynamoDB one (conditional appends,
 * idempotency records), so the command bus can be measured against Axon's in-memory storage engine:
 * framework against framework, no network on either side.
 */
final class InMemoryEventStore implements EventStore {
  private final Map<String, List<StoredEvent>> streams = new ConcurrentHashMap<>();
  private final Map<String, IdempotencyRecord> idempotency = new ConcurrentHashMap<>();

  @Override
  public List<StoredEvent> read(String streamId, long afterVersion) {
    return streams.getOrDefault(streamId, List.of()).stream().filter(e -> e.version() > afterVersion).toList();
  }

  @Override
  public synchronized void append(AppendRequest request) {
    List<StoredEvent> stream = streams.computeIfAbsent(request.streamId(), id -> new ArrayList<>());
    if (stream.size() != request.expectedVersion()) {
      throw new WrongExpectedVersionException(request.streamId(), request.expectedVersion());
    }
    if (request.idempotency() != null) {
      if (idempotency.putIfAbsent(request.idempotency().key(), request.idempotency()) != null) {
        throw new IdempotencyKeyExistsException(request.idempotency().key());
      }
    }
    stream.addAll(request.events());
  }

  @Override
  public Optional<IdempotencyRecord> idempotencyRecord(String key) {
    return Optional.ofNullable(idempotency.get(key));
  }
}
