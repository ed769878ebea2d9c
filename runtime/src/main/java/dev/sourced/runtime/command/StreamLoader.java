package dev.sourced.runtime.command;

import dev.sourced.api.Snapshotting;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.store.EventStore;
import dev.sourced.runtime.store.SnapshotStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.runtime.store.StreamTail;
import dev.sourced.spi.AggregateDefinition;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rebuilds an aggregate from its stream in as few round trips as its guarantees allow.
 *
 * <ul>
 *   <li>Without snapshots: one paged Query of the whole stream.
 *   <li>With snapshots every {@code N} events: one Query for the newest {@code N - 1} events. A stream that
 *       short comes whole, and the snapshot is not read. A longer one has a snapshot (an append that crosses a
 *       multiple of {@code N} writes one, so at most {@code N - 1} events follow the latest), which a second
 *       call reads — on the {@code executor} at the same time as the Query, when one is given. A snapshot that
 *       is missing, of another shape or unreadable, or older than the events in hand (its write failed) costs
 *       one more Query: of the whole stream, or of the events after the snapshot.
 * </ul>
 *
 * A snapshot newer than the Query's newest event (another writer appended and snapshotted in between) is
 * used as it is: it reflects committed events, and the conditional append after it fails if it is stale.
 *
 * @param <A> the aggregate class
 */
final class StreamLoader<A> {
  /**
   * An aggregate as its stream holds it.
   *
   * @param state the aggregate, or {@code null} when the stream has no events
   * @param version the stream's version it reflects (0 for none)
   */
  record Loaded<A>(A state, long version) {
    static <A> Loaded<A> none() {
      return new Loaded<>(null, 0);
    }
  }

  /** A usable snapshot: restored and of the current shape. */
  private record Restored<A>(A state, long version) {}

  private final AggregateDefinition<A> aggregate;
  private final Decider<A> decider;
  private final JsonCodecs codecs;
  private final EventStore store;
  private final SnapshotStore snapshots;
  private final Executor executor;
  private final Function<StoredEvent, Record> toRecord;

  /**
   * @param snapshots the aggregate's snapshots, or {@code null} when it takes none
   * @param executor where the snapshot is read while the calling thread reads the events, or {@code null} to read
   *     one after the other
   * @param toRecord turns a stored event into the newest revision of its record
   */
  StreamLoader(AggregateDefinition<A> aggregate, Decider<A> decider, JsonCodecs codecs, EventStore store,
      SnapshotStore snapshots, Executor executor, Function<StoredEvent, Record> toRecord) {
    this.aggregate = aggregate;
    this.decider = decider;
    this.codecs = codecs;
    this.store = store;
    this.snapshots = snapshots;
    this.executor = executor;
    this.toRecord = toRecord;
  }

  Loaded<A> load(String streamId) {
    if (snapshots == null) {
      return rebuilt(null, 0, store.read(streamId, 0));
    }
    Supplier<Optional<Restored<A>>> snapshot = executor == null ? () -> restore(streamId) : inParallel(streamId);
    StreamTail tail = store.readTail(streamId, Math.max(1, aggregate.snapshotEvery() - 1));
    // a read under way is waited for even when it is not needed, so no call of this command outlives it
    Optional<Restored<A>> restored = tail.fromStart() && executor == null ? Optional.empty() : snapshot.get();
    if (tail.fromStart()) {
      return rebuilt(null, 0, tail.events());
    }
    if (restored.isEmpty()) {
      return rebuilt(null, 0, store.read(streamId, 0));
    }
    long from = restored.get().version();
    List<StoredEvent> after = from >= tail.firstVersion() - 1
        ? tail.events().stream().filter(event -> event.version() > from).toList()
        : store.read(streamId, from); // the snapshot is older than the events in hand: read those in between
    return rebuilt(restored.get().state(), from, after);
  }

  /** Loads a stream as a command would, and reads its snapshot even if the load did not need it: for priming. */
  void prime(String streamId) {
    load(streamId);
    if (snapshots != null) {
      restore(streamId);
    }
  }

  private Supplier<Optional<Restored<A>>> inParallel(String streamId) {
    CompletableFuture<Optional<Restored<A>>> reading;
    try {
      reading = CompletableFuture.supplyAsync(() -> restore(streamId), executor);
    } catch (RejectedExecutionException busy) {
      return () -> restore(streamId);
    }
    return reading::join;
  }

  private Loaded<A> rebuilt(A start, long from, List<StoredEvent> events) {
    if (start == null && events.isEmpty()) {
      return Loaded.none();
    }
    long version = events.isEmpty() ? from : events.get(events.size() - 1).version();
    return new Loaded<>(decider.rehydrate(start, events.stream().map(toRecord).toList()), version);
  }

  /** @return the stream's snapshot restored, unless there is none or it is unusable (then every event is replayed) */
  private Optional<Restored<A>> restore(String streamId) {
    try {
      Optional<SnapshotStore.Snapshot> snapshot = snapshots.latest(streamId);
      if (snapshot.isEmpty() || !snapshot.get().schema().equals(aggregate.snapshotSchema())) {
        return Optional.empty();
      }
      @SuppressWarnings("unchecked")
      Snapshotting<Record> restored = (Snapshotting<Record>) aggregate.applier().newInstance();
      restored.restore(codecs.fromJson(aggregate.snapshotType(), snapshot.get().data()));
      @SuppressWarnings("unchecked")
      A typed = (A) restored;
      return Optional.of(new Restored<>(typed, snapshot.get().version()));
    } catch (RuntimeException unusable) {
      // unreadable, throttled or of an old shape: replay every event instead
      return Optional.empty();
    }
  }
}
