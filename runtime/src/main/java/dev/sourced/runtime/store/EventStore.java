package dev.sourced.runtime.store;

import java.util.List;
import java.util.Optional;

/** Streams of events with optimistic concurrency. */
public interface EventStore {

  /**
   * @param streamId the stream
   * @param afterVersion read events with a version above this; 0 for all
   * @return the events in version order (consistent read)
   */
  List<StoredEvent> read(String streamId, long afterVersion);

  /**
   * The newest events of a stream, in one request where the store can: what a command needs when it will
   * start from a snapshot, or when the stream is short enough to come whole.
   *
   * @param streamId the stream
   * @param limit at most this many events
   * @return the newest events, at most {@code limit}, oldest first (consistent read); a store may leave out what
   *     deciding does not read (event ids, times, metadata)
   */
  default StreamTail readTail(String streamId, int limit) {
    List<StoredEvent> all = read(streamId, 0);
    return new StreamTail(all.subList(Math.max(0, all.size() - limit), all.size()), all.size() <= limit);
  }

  /**
   * Appends events, the idempotency record and the changes of unique values in one transaction. An append that finds
   * its own first event already stored (it was sent twice, and the first send was written: a retry after a lost answer)
   * returns as if it had just been written.
   *
   * @throws WrongExpectedVersionException when another writer appended first (or changed the stream's unique values)
   * @throws dev.sourced.runtime.UniqueValueTakenException when a value the append claims is held by another stream;
   *     nothing is written
   * @throws IdempotencyKeyExistsException when the idempotency record already exists and has not expired;
   *     nothing is written
   * @throws TransientStoreException when the store asks to retry (transaction conflicts, throttling)
   * @throws dev.sourced.runtime.EventTooLargeException when an item would exceed the item size limit;
   *     nothing is written
   */
  void append(AppendRequest request);

  /**
   * @param key a scoped idempotency key
   * @return its record, if a command with it was committed and the record has not expired
   */
  Optional<IdempotencyRecord> idempotencyRecord(String key);

  /**
   * @param streamId a stream
   * @param scope a scope of unique values
   * @return the value the stream holds in the scope, if it holds one (consistent read)
   * @throws UnsupportedOperationException when the store keeps no unique values
   */
  default Optional<String> uniqueValue(String streamId, String scope) {
    throw new UnsupportedOperationException(getClass().getName() + " keeps no unique values");
  }
}
