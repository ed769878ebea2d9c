package dev.sourced.runtime.command;

import dev.sourced.runtime.ConcurrencyConflictException;
import dev.sourced.runtime.IdempotencyKeyReusedException;
import dev.sourced.runtime.event.Upcasting;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.store.AppendRequest;
import dev.sourced.runtime.store.EventStore;
import dev.sourced.runtime.store.IdempotencyKeyExistsException;
import dev.sourced.api.EventMetadata;
import dev.sourced.api.Snapshotting;
import dev.sourced.runtime.store.IdempotencyRecord;
import dev.sourced.runtime.store.SnapshotStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.runtime.store.TransientStoreException;
import dev.sourced.runtime.store.WrongExpectedVersionException;
import dev.sourced.spi.AggregateDefinition;
import dev.sourced.spi.EventDefinition;
import dev.sourced.spi.SourcedApplication;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Handles commands for one aggregate type: load the stream, decide, append conditionally. A version
 * conflict (another writer appended first) reloads and decides again; transaction conflicts and
 * throttling are retried the same way; all within a bounded number of attempts with jittered backoff,
 * after which {@link ConcurrencyConflictException}. A command with an idempotency key returns the first
 * result again and appends nothing.
 *
 * @param <A> the aggregate class
 */
public final class CommandBus<A> {
  /** The id priming reads use: of a stream, view or checkpoint that is never written. */
  public static final String PRIMING_ID = "sourced-priming";

  private final AggregateDefinition<A> aggregate;
  private final Decider<A> decider;
  private final Upcasting upcasting;
  private final SourcedApplication app;
  private final JsonCodecs codecs;
  private final EventStore store;
  private final Clock clock;
  private final int maxAttempts;
  private final Duration baseBackoff;
  private final Duration maxBackoff;
  private final Duration idempotencyTtl;
  private final SnapshotStore snapshots;
  private final PublishableEvents publishable;

  private CommandBus(Builder<A> builder) {
    this.app = Objects.requireNonNull(builder.app, "application");
    this.aggregate = Objects.requireNonNull(builder.aggregate, "aggregate");
    this.codecs = Objects.requireNonNull(builder.codecs, "codecs");
    this.store = Objects.requireNonNull(builder.store, "eventStore");
    this.clock = builder.clock;
    this.maxAttempts = builder.maxAttempts;
    this.baseBackoff = builder.baseBackoff;
    this.maxBackoff = builder.maxBackoff;
    this.idempotencyTtl = builder.idempotencyTtl;
    this.snapshots = aggregate.snapshotEvery() > 0 && aggregate.snapshotType() != null ? builder.snapshots : null;
    this.decider = new Decider<>(aggregate);
    this.upcasting = new Upcasting(app);
    this.publishable = new PublishableEvents(app, codecs);
  }

  /**
   * @param app the generated registry
   * @param aggregateType one of its aggregates
   * @return a builder
   */
  public static <A> Builder<A> builder(SourcedApplication app, Class<A> aggregateType) {
    Builder<A> builder = new Builder<>();
    builder.app = app;
    builder.aggregate = app.aggregate(aggregateType).orElseThrow(() ->
        new IllegalArgumentException(app.name() + " declares no @Aggregate " + aggregateType.getName()));
    return builder;
  }

  /** Builds a {@link CommandBus}. */
  public static final class Builder<A> {
    private SourcedApplication app;
    private AggregateDefinition<A> aggregate;
    private JsonCodecs codecs;
    private EventStore store;
    private Clock clock = Clock.systemUTC();
    private int maxAttempts = 10;
    private Duration baseBackoff = Duration.ofMillis(5);
    private Duration maxBackoff = Duration.ofMillis(200);
    private Duration idempotencyTtl = Duration.ofHours(24);
    private SnapshotStore snapshots;

    /** @param codecs the generated {@code SourcedAppJson.INSTANCE} */
    public Builder<A> codecs(JsonCodecs codecs) {
      this.codecs = codecs;
      return this;
    }

    public Builder<A> eventStore(EventStore store) {
      this.store = store;
      return this;
    }

    /** @param clock timestamps events; default UTC system clock */
    public Builder<A> clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** @param maxAttempts attempts before giving up on conflicts; default 10 */
    public Builder<A> maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1; found " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** @param base first backoff cap, doubled per attempt up to {@code max}; full jitter; default 5 ms and 200 ms */
    public Builder<A> backoff(Duration base, Duration max) {
      this.baseBackoff = base;
      this.maxBackoff = max;
      return this;
    }

    /** @param ttl how long idempotency records are kept; default 24 hours */
    public Builder<A> idempotencyTtl(Duration ttl) {
      this.idempotencyTtl = ttl;
      return this;
    }

    /** @param snapshots where snapshots of aggregates with {@code snapshotEvery > 0} go; none by default */
    public Builder<A> snapshotStore(SnapshotStore snapshots) {
      this.snapshots = snapshots;
      return this;
    }

    public CommandBus<A> build() {
      return new CommandBus<>(this);
    }
  }

  /** @return the aggregate this bus serves */
  public AggregateDefinition<A> aggregate() {
    return aggregate;
  }

  /**
   * Handles a command.
   *
   * @return what it appended, or the first result for a repeated idempotency key
   * @throws dev.sourced.api.DomainException when the aggregate rejects it
   * @throws dev.sourced.runtime.StreamNotFoundException for a non-creation command on a missing stream
   * @throws dev.sourced.runtime.StreamAlreadyExistsException for a creation command on an existing stream
   * @throws ConcurrencyConflictException when every attempt lost a race
   * @throws IdempotencyKeyReusedException when the key was used for a different command
   * @throws dev.sourced.runtime.EventTooLargeException when an event exceeds the item size limit
   * @throws dev.sourced.runtime.UnpublishableEventException when an event could be stored but not published,
   *     read back or projected
   */
  public CommandResult handle(Record command, CommandOptions options) {
    String streamId = decider.streamId(command);
    String commandId = options.idempotencyKey() != null ? options.idempotencyKey() : UUID.randomUUID().toString();
    String correlationId = options.correlationId() != null ? options.correlationId() : commandId;
    String scopedKey = options.idempotencyKey() == null ? null : streamId + "#" + options.idempotencyKey();
    String fingerprint = scopedKey == null ? null : fingerprint(command);
    long[] uncertainHead = {-1}; // the head an append was made at whose outcome is unknown (a timeout, a 5xx), or -1
    for (int attempt = 1; ; attempt++) {
      try {
        if (scopedKey != null) {
          // checked before deciding: a repeat must get the first answer even if the aggregate has moved on
          Optional<CommandResult> earlier = earlierResult(scopedKey, fingerprint, options.idempotencyKey());
          if (earlier.isPresent()) {
            return earlier.get();
          }
        }
        if (uncertainHead[0] >= 0) {
          // the last append may have landed although it failed: then this command is done, and deciding again would repeat it
          Optional<CommandResult> landed = landed(command, streamId, commandId, uncertainHead[0]);
          if (landed.isPresent()) {
            return landed.get();
          }
          uncertainHead[0] = -1;
        }
        return attempt(command, streamId, commandId, correlationId, options.causationId(), scopedKey, fingerprint, uncertainHead);
      } catch (IdempotencyKeyExistsException e) {
        // a concurrent request with the same key committed first; the next pass returns its answer
        uncertainHead[0] = -1;
        if (attempt >= maxAttempts) {
          throw new ConcurrencyConflictException(streamId, attempt);
        }
      } catch (WrongExpectedVersionException | TransientStoreException e) {
        if (!(e instanceof TransientStoreException transientFailure && transientFailure.outcomeUnknown())) {
          uncertainHead[0] = -1; // refused: nothing was written
        }
        if (attempt >= maxAttempts) {
          throw new ConcurrencyConflictException(streamId, attempt);
        }
        pause(attempt);
      }
    }
  }

  /** @return the result of this command if its events were stored right after {@code head} (found by their command id) */
  private Optional<CommandResult> landed(Record command, String streamId, String commandId, long head) {
    List<CommandResult.Appended> appended = new ArrayList<>();
    long version = head;
    for (StoredEvent event : store.read(streamId, head)) {
      if (!commandId.equals(event.commandId())) {
        break;
      }
      appended.add(new CommandResult.Appended(event.eventId(), event.type(), event.version()));
      version = event.version();
    }
    return appended.isEmpty() ? Optional.empty()
        : Optional.of(new CommandResult(streamId, version, appended, aggregate.dispatcher().isCreation(command), false, commandId));
  }

  /**
   * Loads a stream that is never written ({@code <aggregate>#sourced-priming}): the snapshot read, if
   * the aggregate snapshots, and one consistent Query. Read-only; for priming the storage path before
   * the first command.
   */
  public void prime() {
    load(aggregate.streamId(PRIMING_ID));
  }

  private CommandResult attempt(Record command, String streamId, String commandId, String correlationId,
      String causationId, String scopedKey, String fingerprint, long[] uncertainHead) {
    Loaded<A> loaded = load(streamId);
    A state = loaded.state();
    long head = loaded.version();
    List<Record> decided = decider.decide(state, command);

    List<StoredEvent> events = new ArrayList<>(decided.size());
    List<CommandResult.Appended> appended = new ArrayList<>(decided.size());
    long version = head;
    for (Record event : decided) {
      EventDefinition definition = upcasting.definition(event);
      StoredEvent stored = new StoredEvent(streamId, ++version, definition.name(), definition.revision(),
          codecs.toJson(event), UUID.randomUUID().toString(), clock.instant(), commandId, correlationId,
          causationId != null ? causationId : commandId);
      publishable.check(event, stored.type(), stored.data(), new EventMetadata(stored.streamId(), stored.version(),
          stored.eventId(), stored.type(), stored.timestamp(), stored.commandId(), stored.correlationId(), stored.causationId()));
      events.add(stored);
      appended.add(new CommandResult.Appended(stored.eventId(), stored.type(), stored.version()));
    }
    CommandResult result = new CommandResult(streamId, version, appended, aggregate.dispatcher().isCreation(command), false,
        commandId);
    IdempotencyRecord idempotency = scopedKey == null ? null
        : new IdempotencyRecord(scopedKey, fingerprint, result.status(), result.toJson(), clock.instant().plus(idempotencyTtl));
    uncertainHead[0] = events.isEmpty() ? -1 : head;
    store.append(new AppendRequest(streamId, head, events, idempotency));
    if (snapshots != null && version / aggregate.snapshotEvery() > head / aggregate.snapshotEvery()) {
      snapshot(streamId, version, decider.rehydrate(state, decided));
    }
    return result;
  }

  /** An aggregate rebuilt from its snapshot (if any) and the events after it. */
  private record Loaded<A>(A state, long version) {}

  private Loaded<A> load(String streamId) {
    A start = null;
    long from = 0;
    if (snapshots != null) {
      try {
        Optional<SnapshotStore.Snapshot> snapshot = snapshots.latest(streamId);
        if (snapshot.isPresent() && snapshot.get().schema().equals(aggregate.snapshotSchema())) {
          @SuppressWarnings("unchecked")
          Snapshotting<Record> restored = (Snapshotting<Record>) aggregate.applier().newInstance();
          restored.restore(codecs.fromJson(aggregate.snapshotType(), snapshot.get().data()));
          @SuppressWarnings("unchecked")
          A typed = (A) restored;
          start = typed;
          from = snapshot.get().version();
        }
      } catch (RuntimeException unusable) {
        // unreadable, throttled or of an old shape: replay every event instead
        start = null;
        from = 0;
      }
    }
    List<StoredEvent> events = store.read(streamId, from);
    long version = events.isEmpty() ? from : events.get(events.size() - 1).version();
    if (start == null && events.isEmpty()) {
      return new Loaded<>(null, 0);
    }
    return new Loaded<>(decider.rehydrate(start, events.stream().map(this::toRecord).toList()), version);
  }

  private void snapshot(String streamId, long version, A state) {
    @SuppressWarnings("unchecked")
    Record snapshot = ((Snapshotting<Record>) state).snapshot();
    snapshots.save(new SnapshotStore.Snapshot(streamId, version, aggregate.snapshotSchema(), codecs.toJson(snapshot)));
  }

  /**
   * Turns a stored event into the newest revision of its record.
   *
   * @param stored an event as stored
   * @return the record handlers see
   */
  public Record toRecord(StoredEvent stored) {
    EventDefinition definition = upcasting.definition(stored.type(), stored.revision());
    if (definition == null) {
      throw new IllegalStateException("stream " + stored.streamId() + " version " + stored.version() + " holds event '"
          + stored.type() + "' revision " + stored.revision() + ", which application " + app.name() + " does not declare");
    }
    return upcasting.toNewest(codecs.fromJson(definition.type(), stored.data()));
  }

  private Optional<CommandResult> earlierResult(String scopedKey, String fingerprint, String key) {
    Optional<IdempotencyRecord> record = store.idempotencyRecord(scopedKey);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    if (!record.get().fingerprint().equals(fingerprint)) {
      throw new IdempotencyKeyReusedException(key);
    }
    return Optional.of(CommandResult.replay(record.get().response(), record.get().status(), key));
  }

  private String fingerprint(Record command) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha256.digest((command.getClass().getName() + "\n" + codecs.toJson(command)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private void pause(int attempt) {
    long cap = Math.min(maxBackoff.toMillis(), baseBackoff.toMillis() << Math.min(attempt - 1, 20));
    long sleep = ThreadLocalRandom.current().nextLong(cap + 1);
    try {
      Thread.sleep(sleep);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a command", e);
    }
  }
}
