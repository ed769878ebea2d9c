package dev.sourced.runtime.command;

import dev.sourced.api.Caller;
import dev.sourced.api.CommandContext;
import dev.sourced.runtime.CallerLimits;
import dev.sourced.runtime.ConcurrencyConflictException;
import dev.sourced.runtime.IdempotencyKeyReusedException;
import dev.sourced.runtime.InvalidCommandException;
import dev.sourced.runtime.KeyLimits;
import dev.sourced.runtime.StreamAlreadyExistsException;
import dev.sourced.runtime.event.Upcasting;
import dev.sourced.runtime.json.Json;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.log.LogLine;
import dev.sourced.runtime.store.AppendRequest;
import dev.sourced.runtime.store.EventStore;
import dev.sourced.runtime.store.IdempotencyKeyExistsException;
import dev.sourced.api.Snapshotting;
import dev.sourced.runtime.store.IdempotencyRecord;
import dev.sourced.runtime.store.SnapshotStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.runtime.store.TransientStoreException;
import dev.sourced.runtime.store.UniqueChange;
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
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Handles commands for one aggregate type: load the stream, decide, append conditionally. A version
 * conflict (another writer appended first) reloads and decides again; transaction conflicts and
 * throttling are retried the same way; all within a bounded number of attempts with jittered backoff,
 * after which {@link ConcurrencyConflictException}. A command with an idempotency key returns the first
 * result again and appends nothing.
 *
 * <p>Round trips to the store, in the usual case: a creation command reads nothing — it appends at
 * version 1, and the condition on that append is what tells an existing stream; any other command reads
 * its stream once ({@link StreamLoader}) and appends once. The idempotency record is not read before
 * deciding: it is written in the append's transaction, on condition that no live one exists, and a
 * repeated key fails that condition, which returns the stored record. A command whose decision fails (a
 * {@link dev.sourced.api.DomainException}, a missing or existing stream, a limit) reads the record then,
 * so a repeat still gets the first answer after the aggregate has moved on.
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
  private final StreamLoader<A> loader;
  private final UniqueValues unique;
  private final CachedStreams<A> cached;
  private final Consumer<String> log;
  /**
   * The most characters an id is sure to fit in with an idempotency key the HTTP API takes (a character takes at most
   * 3 bytes of UTF-8); a longer one, or one with a longer key, has its keys' bytes counted.
   */
  private final int maxIdChars;

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
    this.loader = new StreamLoader<>(aggregate, decider, codecs, store, snapshots, builder.snapshotReads, this::toRecord);
    this.unique = new UniqueValues(aggregate, store);
    int cachedStreams = builder.cachedStreams != null ? builder.cachedStreams : aggregate.cachedStreams();
    this.cached = cachedStreams > 0 ? new CachedStreams<>(cachedStreams) : null;
    this.log = builder.log;
    this.maxIdChars = KeyLimits.maxAggregateIdBytes(aggregate.name()) / 3;
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
    private Executor snapshotReads;
    private Integer cachedStreams;
    private Consumer<String> log = System.out::println;

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

    /**
     * @param executor where a snapshotting aggregate's snapshot is read while the calling thread reads its newest
     *     events: one round trip instead of two for streams of {@code snapshotEvery} events or more, at the price
     *     of a snapshot read for every command, short streams included; a thread of it waits for each such
     *     read. Calls made on it are not the calling thread's: thread-bound context (tracing, a test's record of
     *     calls) does not follow them. {@code null}, the default: the snapshot is read after the events, and
     *     only when the stream has {@code snapshotEvery} events or more
     */
    public Builder<A> snapshotReadExecutor(Executor executor) {
      this.snapshotReads = executor;
      return this;
    }

    /**
     * @param streams how many streams' aggregates the bus keeps between commands, as its last successful command on each
     *     left it: a command on a kept stream decides without reading it, and its conditional append is the check that
     *     nobody appended since (if someone did, the append fails, and the command reloads and decides again). Worth it
     *     where one bus serves most commands of a stream (one container, the local cloud, a process); where several
     *     containers take turns on a stream, a kept aggregate is often behind, and each such command costs a failed
     *     write before its read. {@code 0}: none. Default: the aggregate's {@code @Aggregate(cachedStreams)}
     */
    public Builder<A> cachedStreams(int streams) {
      if (streams < 0) {
        throw new IllegalArgumentException("cachedStreams must not be negative; found " + streams);
      }
      this.cachedStreams = streams;
      return this;
    }

    /**
     * @param log where the bus writes a JSON line for a failure it does not throw (after a command was stored: its
     *     snapshot or kept aggregate could not be built); default standard out, as in Lambda
     */
    public Builder<A> log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
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
   * @throws IdempotencyKeyReusedException when the key was used for a different command, or by a different caller
   * @throws dev.sourced.runtime.UniqueValueTakenException when the command would claim a unique value
   *     ({@code @Unique}) another stream of the aggregate holds
   * @throws IllegalArgumentException when the caller is beyond {@link CallerLimits}
   * @throws InvalidCommandException when the command's aggregate id is empty or too long for the keys it becomes part
   *     of, or a unique value it claims cannot be claimed (empty, not valid text, too long for a key)
   * @throws dev.sourced.runtime.EventTooLargeException when an event exceeds the item size limit
   * @throws dev.sourced.runtime.UnpublishableEventException when an event could be stored but not published,
   *     read back or projected
   */
  public CommandResult handle(Record command, CommandOptions options) {
    Caller caller = options.caller();
    String callerProblem = CallerLimits.problem(caller);
    if (callerProblem != null) {
      throw new IllegalArgumentException("command " + command.getClass().getSimpleName() + " was refused: " + callerProblem);
    }
    String id = aggregate.dispatcher().aggregateId(command);
    String key = options.idempotencyKey();
    boolean fits = id != null && !id.isEmpty() && id.length() <= maxIdChars // whatever its characters, with any API key
        && (key == null || key.length() <= KeyLimits.MAX_IDEMPOTENCY_KEY_CHARS);
    String idProblem = fits ? null
        : KeyLimits.storedAggregateIdProblem(aggregate.name(), id, key == null || id == null ? null : scopedKey(aggregate.streamId(id), key));
    if (idProblem != null) {
      // the keys it would be part of cannot hold it; the HTTP API refuses such a request first (with room for any
      // Idempotency-Key), a process manager's command meets it here
      throw new InvalidCommandException(command.getClass().getSimpleName(),
          Json.child("$", aggregate.command(command.getClass()).aggregateIdComponent()), idProblem);
    }
    String streamId = decider.streamId(command);
    unique.checkClaims(command);
    String commandId = options.idempotencyKey() != null ? options.idempotencyKey() : UUID.randomUUID().toString();
    String correlationId = options.correlationId() != null ? options.correlationId() : commandId;
    CommandContext context = new CommandContext(commandId, correlationId, options.causationId(), options.idempotencyKey(), caller);
    String scopedKey = options.idempotencyKey() == null ? null : scopedKey(streamId, options.idempotencyKey());
    String fingerprint = scopedKey == null ? null : fingerprint(command, caller);
    long[] uncertainHead = {-1}; // the head an append was made at whose outcome is unknown (a timeout, a 5xx), or -1
    boolean keyTaken = false; // the append found the key's record, but the store did not return it
    RuntimeException refused = null; // the decision failed; answered so unless the key was used before
    boolean mayUseKept = cached != null; // until a kept aggregate proves behind: then this command reads its stream
    for (int attempt = 1; ; attempt++) {
      try {
        if (keyTaken || refused != null) {
          // a repeat must get the first answer, even if the aggregate has moved on and now decides otherwise
          Optional<CommandResult> earlier =
              earlierResult(store.idempotencyRecord(scopedKey), fingerprint, options.idempotencyKey());
          if (earlier.isPresent()) {
            return earlier.get();
          }
          if (refused != null) {
            throw refused;
          }
          keyTaken = false; // the record expired since: decide again
        }
        if (uncertainHead[0] >= 0) {
          // the last append may have landed although it failed: then this command is done, and deciding again would repeat it
          Optional<CommandResult> landed = landed(command, streamId, commandId, uncertainHead[0]);
          if (landed.isPresent()) {
            return landed.get();
          }
          uncertainHead[0] = -1;
        }
        return attempt(command, streamId, context, scopedKey, fingerprint, uncertainHead, mayUseKept);
      } catch (IdempotencyKeyExistsException e) {
        // committed earlier, or by a concurrent request with the same key that got there first
        uncertainHead[0] = -1;
        if (e.record() != null) {
          return earlierResult(Optional.of(e.record()), fingerprint, options.idempotencyKey()).orElseThrow();
        }
        keyTaken = true;
        if (attempt >= maxAttempts) {
          throw new ConcurrencyConflictException(streamId, attempt);
        }
      } catch (IdempotencyKeyReusedException e) {
        throw e;
      } catch (KeptAggregateBehind behind) {
        // refused, nothing written: another writer appended since the aggregate was kept, maybe long ago, not
        // necessarily now. This command now reads its stream, at once, and that read is the attempt that counts: a
        // kept aggregate costs at most one extra write per command, never one of its attempts
        uncertainHead[0] = -1;
        mayUseKept = false;
        attempt--;
      } catch (WrongExpectedVersionException | TransientStoreException e) {
        if (!(e instanceof TransientStoreException transientFailure && transientFailure.outcomeUnknown())) {
          uncertainHead[0] = -1; // refused: nothing was written
        }
        if (attempt >= maxAttempts) {
          throw new ConcurrencyConflictException(streamId, attempt);
        }
        pause(attempt);
      } catch (RuntimeException e) {
        if (scopedKey == null || refused != null) {
          throw e;
        }
        refused = e; // the next pass looks for the key's record first
      }
    }
  }

  /**
   * @return the key of a command's idempotency record: {@code <stream id>#<key>}, the key's {@code %} and {@code #} written
   *     {@code %25} and {@code %23}, so that the last {@code #} always begins the key. An aggregate id may hold {@code #}:
   *     without this, id {@code x#y} with key {@code z} and id {@code x} with key {@code y#z} would share a record. A key
   *     without either character is written as it is (as before); escaped, a character takes at most 3 bytes, which
   *     {@link KeyLimits} leaves room for
   */
  static String scopedKey(String streamId, String idempotencyKey) {
    if (idempotencyKey.indexOf('#') < 0 && idempotencyKey.indexOf('%') < 0) {
      return streamId + "#" + idempotencyKey;
    }
    return streamId + "#" + idempotencyKey.replace("%", "%25").replace("#", "%23");
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
   * Loads a stream that is never written ({@code <aggregate>#sourced-priming}) as a command on it would,
   * one consistent Query, and reads its snapshot if the aggregate takes snapshots. Read-only; for priming the
   * storage path before the first command.
   */
  public void prime() {
    loader.prime(aggregate.streamId(PRIMING_ID));
  }

  private CommandResult attempt(Record command, String streamId, CommandContext context, String scopedKey,
      String fingerprint, long[] uncertainHead, boolean mayUseKept) {
    boolean creation = aggregate.dispatcher().isCreation(command);
    StreamLoader.Loaded<A> kept = creation || !mayUseKept ? null : cached.take(streamId);
    Decided<A> decided = kept == null ? null : onKept(kept, command, streamId, context, scopedKey, fingerprint);
    if (decided == null) {
      // a creation command decides without the stream: its append at version 1 fails if the stream exists
      StreamLoader.Loaded<A> loaded = creation ? StreamLoader.Loaded.none() : loader.load(streamId);
      List<Record> events = decider.decide(loaded.state(), command, context);
      if (creation && events.isEmpty() && !store.readTail(streamId, 1).events().isEmpty()) {
        // no event to append, so no condition to tell an existing stream: ask
        throw new StreamAlreadyExistsException(streamId, command.getClass().getSimpleName());
      }
      decided = prepare(loaded, events, command, streamId, context, scopedKey, fingerprint);
    }
    long head = decided.loaded().version();
    uncertainHead[0] = decided.stored().isEmpty() ? -1 : head;
    try {
      store.append(new AppendRequest(streamId, head, decided.stored(), decided.idempotency(), decided.uniqueChanges()));
    } catch (WrongExpectedVersionException exists) {
      if (creation) {
        uncertainHead[0] = -1; // refused: nothing was written
        throw new StreamAlreadyExistsException(streamId, command.getClass().getSimpleName());
      }
      if (decided.loaded() == kept) {
        throw new KeptAggregateBehind();
      }
      throw exists;
    }
    afterAppend(streamId, decided);
    return decided.result();
  }

  /**
   * Writes the snapshot a stored decision makes due, and keeps the aggregate it leaves. Both are built from the
   * events as stored, read back as a load would read them, so they never hold what a handler's event records share
   * with anything else. The command is stored whatever happens here: a failure (an applier or {@code snapshot()} that
   * throws, say) is logged with its stack trace, keeps nothing and writes no snapshot.
   */
  private void afterAppend(String streamId, Decided<A> decided) {
    long head = decided.loaded().version();
    long version = decided.result().version();
    A state = decided.loaded().state();
    boolean snapshotDue = snapshots != null && version / aggregate.snapshotEvery() > head / aggregate.snapshotEvery();
    if (!snapshotDue && (cached == null || (state == null && decided.stored().isEmpty()))) {
      return;
    }
    try {
      A after = decider.rehydrate(state, decided.stored().stream().map(this::toRecord).toList());
      if (snapshotDue) {
        snapshot(streamId, version, after);
      }
      if (cached != null) {
        cached.put(streamId, new StreamLoader.Loaded<>(after, version));
      }
    } catch (RuntimeException unexpected) {
      // stored all the same, so the command succeeded: nothing is kept and no snapshot written
      LogLine.error("command stored, but its snapshot or kept aggregate could not be built").put("streamId", streamId)
          .put("version", version).unexpected(unexpected).writeTo(log);
    }
  }

  /**
   * Decides on an aggregate kept from an earlier command, which may be behind its stream: what it decides is appended
   * on condition that the stream is still at the kept version, so the store confirms the decision. A decision it
   * cannot confirm — a refusal or any other exception, no events — is made again on the stream as read.
   *
   * @return the decision ready to append, or {@code null} to decide on the stream as read instead
   */
  private Decided<A> onKept(StreamLoader.Loaded<A> kept, Record command, String streamId, CommandContext context,
      String scopedKey, String fingerprint) {
    try {
      List<Record> events = decider.decide(kept.state(), command, context);
      return events.isEmpty() ? null : prepare(kept, events, command, streamId, context, scopedKey, fingerprint);
    } catch (RuntimeException unconfirmed) {
      return null;
    }
  }

  /** The append of a decision on a kept aggregate failed its condition: the stream has moved on since it was kept. */
  private static final class KeptAggregateBehind extends RuntimeException {
    KeptAggregateBehind() {
      super(null, null, false, false);
    }
  }

  /**
   * A decision ready to append: the aggregate it was made on, the events as stored, the result, the idempotency record
   * and unique value changes.
   */
  private record Decided<A>(StreamLoader.Loaded<A> loaded, List<StoredEvent> stored, CommandResult result,
      IdempotencyRecord idempotency, List<UniqueChange> uniqueChanges) {}

  private Decided<A> prepare(StreamLoader.Loaded<A> loaded, List<Record> decided, Record command, String streamId,
      CommandContext context, String scopedKey, String fingerprint) {
    String commandId = context.commandId();
    boolean creation = aggregate.dispatcher().isCreation(command);
    List<StoredEvent> events = new ArrayList<>(decided.size());
    List<EventDefinition> definitions = new ArrayList<>(decided.size());
    List<CommandResult.Appended> appended = new ArrayList<>(decided.size());
    long version = loaded.version();
    for (Record event : decided) {
      EventDefinition definition = upcasting.definition(event);
      definitions.add(definition);
      StoredEvent stored = new StoredEvent(streamId, ++version, definition.name(), definition.revision(),
          codecs.toJson(event), UUID.randomUUID().toString(), clock.instant(), commandId, context.correlationId(),
          context.causationId() != null ? context.causationId() : commandId, context.caller().principal());
      publishable.check(event, stored.type(), stored.data(), stored.metadata());
      events.add(stored);
      appended.add(new CommandResult.Appended(stored.eventId(), stored.type(), stored.version()));
    }
    CommandResult result = new CommandResult(streamId, version, appended, creation, false, commandId);
    IdempotencyRecord idempotency = scopedKey == null ? null
        : new IdempotencyRecord(scopedKey, fingerprint, result.status(), result.toJson(), clock.instant().plus(idempotencyTtl));
    List<UniqueChange> uniqueChanges = unique.changes(streamId, command, creation, decided, definitions);
    return new Decided<>(loaded, events, result, idempotency, uniqueChanges);
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

  private static Optional<CommandResult> earlierResult(Optional<IdempotencyRecord> record, String fingerprint, String key) {
    if (record.isEmpty()) {
      return Optional.empty();
    }
    if (!record.get().fingerprint().equals(fingerprint)) {
      throw new IdempotencyKeyReusedException(key);
    }
    return Optional.of(CommandResult.replay(record.get().response(), record.get().status(), key));
  }

  /** The same key from another caller is another command: it must not learn, or stand in for, the first one's result. */
  private String fingerprint(Record command, Caller caller) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      // an anonymous command's fingerprint is what it was before callers were recorded: records written then still match
      String text = command.getClass().getName() + "\n" + codecs.toJson(command)
          + (caller.kind() == Caller.Kind.ANONYMOUS ? "" : "\n" + caller.kind() + " " + caller.principal());
      byte[] digest = sha256.digest(text.getBytes(StandardCharsets.UTF_8));
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
