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
   * Appends events and the idempotency record in one transaction.
   *
   * @throws WrongExpectedVersionException when another writer appended first
   * @throws IdempotencyKeyExistsException when the idempotency record already exists
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
}
