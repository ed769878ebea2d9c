package dev.sourced.runtime.projection;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.sourced.api.EventMetadata;
import dev.sourced.runtime.KeyLimits;
import dev.sourced.runtime.event.EventEnvelope;
import dev.sourced.runtime.event.Upcasting;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.json.Text;
import dev.sourced.runtime.log.LogLine;
import dev.sourced.runtime.store.EventStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.runtime.store.TransientStoreException;
import dev.sourced.spi.EventDefinition;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.ProjectionDispatcher;
import dev.sourced.spi.SourcedApplication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Applies delivered events to one projection, exactly once per (stream, version):
 *
 * <ol>
 *   <li>Messages are grouped by source stream. Per stream, versions at or below the checkpoint are
 *       duplicates and skipped; a gap above it is filled by reading the stream from the event store.
 *   <li>Events are applied in version order by the {@link ViewFold}; views are read and
 *       written with a revision, so views shared by several streams ({@code @ViewKey}) never lose an
 *       update to a concurrent batch.
 *   <li>The changed views, the reaction markers and the checkpoint move together in one conditional
 *       {@code TransactWriteItems}; if another consumer moved the checkpoint or a view first, the
 *       stream is re-read and re-applied.
 *   <li>A handler that throws fails only its stream's messages from the failing version on; what was
 *       applied before it is committed; other streams are unaffected. It is logged at ERROR with the
 *       stack trace; SQS retries it and, after its receives, moves it to the dead-letter queue.
 *   <li>A call to DynamoDB that fails for a passing reason (throttling, a 5xx, no answer) is retried
 *       within the batch a few times before the stream's messages are left to SQS's retry.
 *   <li>A stored view the codec cannot read is logged at ERROR and set aside ({@code unreadable#view#…});
 *       when its key is the stream's aggregate id, the view is rebuilt from that stream's history and the
 *       batch goes on; otherwise (a view several streams may feed) the event is failed as a handler
 *       failure is, since no one stream can rebuild it.
 * </ol>
 *
 * @param <V> the view type
 */
public final class ProjectionEngine<V> {
  private static final int MAX_WRITES_PER_COMMIT = 90;
  private static final int MAX_ATTEMPTS = 8;
  /** Attempts of one stream within a batch when DynamoDB fails for a passing reason. */
  private static final int TRANSIENT_ATTEMPTS = 6;
  /** How many streams' checkpoints, and how many views, the engine keeps from one batch to the next. */
  static final int KEPT_STREAMS = 1_000;

  private final boolean rebuildUnreadable;
  /** What its log lines call it: {@code projection} or {@code process manager}, under a field of that name. */
  private final String subject;
  private final String subjectField;

  private final ProjectionDefinition<V> projection;
  private final JsonCodecs codecs;
  private final Upcasting upcasting;
  private final ViewFold<V> fold;
  private final EventStore events;
  private final ProjectionTable table;
  private final Consumer<String> log;
  private final Set<String> consumed;
  private final KeptStreams kept;

  /**
   * @param app the generated registry
   * @param codecs the generated codecs
   * @param projection the projection
   * @param dispatcher its dispatcher (the definition's, or one on a given instance)
   * @param events the event store, for gaps and omitted data
   * @param table the projection's table
   * @param log where the JSON log lines go: one per batch, one per failure
   */
  public ProjectionEngine(SourcedApplication app, JsonCodecs codecs, ProjectionDefinition<V> projection,
      ProjectionDispatcher<V> dispatcher, EventStore events, ProjectionTable table, Consumer<String> log) {
    this(app, codecs, projection, dispatcher, events, table, log, false);
  }

  /**
   * @param processManager whether it runs a process manager's steps, whose views are its instances: a view the codec
   *     cannot read is then not rebuilt from its stream (rebuilding would run its steps, and send their commands,
   *     again), and its log lines say {@code process manager} (field {@code processManager})
   */
  public ProjectionEngine(SourcedApplication app, JsonCodecs codecs, ProjectionDefinition<V> projection,
      ProjectionDispatcher<V> dispatcher, EventStore events, ProjectionTable table, Consumer<String> log,
      boolean processManager) {
    this.rebuildUnreadable = !processManager;
    this.subject = processManager ? "process manager" : "projection";
    this.subjectField = processManager ? "processManager" : "projection";
    this.projection = Objects.requireNonNull(projection, "projection");
    Objects.requireNonNull(dispatcher, "dispatcher");
    this.codecs = Objects.requireNonNull(codecs, "codecs");
    this.upcasting = new Upcasting(app);
    this.fold = new ViewFold<>(upcasting, dispatcher);
    this.events = Objects.requireNonNull(events, "events");
    this.table = Objects.requireNonNull(table, "table");
    this.log = log;
    this.consumed = new HashSet<>(projection.eventNames());
    // a process manager's steps send commands before its commit checks what they ran on, so it keeps nothing: each
    // batch reads its instances and checkpoints
    this.kept = rebuildUnreadable ? new KeptStreams(KEPT_STREAMS, KEPT_STREAMS) : new KeptStreams(0, 0);
  }

  /** @return the projection's table */
  public ProjectionTable table() {
    return table;
  }

  /** A message and the event it carries. */
  private record Delivery(String messageId, StoredEvent event) {}

  /** The stream's outcome: all applied, or the version a handler failed at. */
  private static final long ALL_APPLIED = Long.MAX_VALUE;

  /**
   * Handles one SQS batch: EventBridge events from the live queue, or replay messages (runs of several streams' events)
   * from the replay queue ({@link EventEnvelope#parseAll}).
   */
  public SQSBatchResponse handle(SQSEvent batch) {
    Set<String> failures = new LinkedHashSet<>();
    Map<String, List<Delivery>> byStream = new LinkedHashMap<>();
    int malformed = 0;
    int events = 0;
    for (SQSEvent.SQSMessage message : batch.getRecords()) {
      try {
        for (StoredEvent event : EventEnvelope.parseAll(message.getBody())) {
          byStream.computeIfAbsent(event.streamId(), s -> new ArrayList<>()).add(new Delivery(message.getMessageId(), event));
          events++;
        }
      } catch (RuntimeException notAnEnvelope) {
        malformed++;
        failures.add(message.getMessageId());
        LogLine.error("message is not a Sourced event envelope; it goes to the dead-letter queue after its receives")
            .put(subjectField, projection.name()).put("messageId", message.getMessageId())
            .put("receiveCount", receiveCount(message)).cause(notAnEnvelope).writeTo(log);
      }
    }
    // one read of every stream's checkpoint and of the views their events change, together, for the whole batch; a
    // stream reads its own again only after a conflict
    Prefetch prefetch = prefetch(byStream);
    // the streams' last commits go together, in as few transactions as their items allow
    Map<String, Result> results = new LinkedHashMap<>();
    Map<String, RuntimeException> errors = new LinkedHashMap<>();
    Group group = new Group(prefetch, results, errors);
    for (Map.Entry<String, List<Delivery>> stream : byStream.entrySet()) {
      Set<String> keys = prefetch.keysByStream.getOrDefault(stream.getKey(), Set.of());
      if (group.touchesAny(keys)) {
        group.flush(); // a view this stream changes waits in the group: commit it first, so this stream reads it
      }
      try {
        results.put(stream.getKey(), processStreamRetryingTransientFailures(stream.getKey(), stream.getValue(), prefetch, group));
      } catch (RuntimeException e) {
        errors.put(stream.getKey(), e);
      }
    }
    group.flush();
    int applied = 0;
    Instant lastEventTime = null;
    List<String> failedStreams = new ArrayList<>();
    for (Map.Entry<String, List<Delivery>> stream : byStream.entrySet()) {
      long failedAt;
      Result result = results.get(stream.getKey());
      if (result != null) {
        applied += result.applied();
        if (result.lastEventTime() != null && (lastEventTime == null || result.lastEventTime().isAfter(lastEventTime))) {
          lastEventTime = result.lastEventTime();
        }
        failedAt = result.failedAt();
      } else {
        RuntimeException e = errors.get(stream.getKey());
        failedAt = 0; // e.g. the store stays unavailable: SQS retries every message of the stream
        Delivery first = stream.getValue().get(0);
        LogLine line = LogLine.warn("stream not applied; its messages are retried after the visibility timeout")
            .put(subjectField, projection.name()).put("streamId", stream.getKey())
            .put("eventId", first.event().eventId()).put("correlationId", first.event().correlationId());
        (transientFailure(e) ? line.cause(e) : line.unexpected(e)).writeTo(log);
      }
      if (failedAt != ALL_APPLIED) {
        failedStreams.add(stream.getKey());
        for (Delivery delivery : stream.getValue()) {
          if (delivery.event().version() >= failedAt) {
            failures.add(delivery.messageId()); // a replay message is retried whole; what it applied is skipped then
          }
        }
      }
    }
    // the status counters move once per batch, for every stream applied
    table.recordApplied(applied, lastEventTime == null ? Instant.now() : lastEventTime);
    LogLine.info(subject + " batch").put(subjectField, projection.name()).put("messages", batch.getRecords().size())
        .put("events", events).put("streams", byStream.size()).put("applied", applied).put("failedMessages", failures.size())
        .put("malformed", malformed).put("failedStreams", failedStreams.size())
        .put("transactions", group.transactions).put("groupsRedone", group.redone)
        .atLeast(failures.isEmpty() ? LogLine.Level.INFO : LogLine.Level.WARN).writeTo(log);
    List<SQSBatchResponse.BatchItemFailure> response = new ArrayList<>();
    failures.forEach(id -> response.add(new SQSBatchResponse.BatchItemFailure(id)));
    return new SQSBatchResponse(response);
  }

  /**
   * What one batch read ahead: the streams' checkpoints and the views their events change, each read together; and
   * the events decoded for it. Commits keep the views current, so that streams of one batch that share a view read
   * what the one before wrote. Empty when the read failed for a passing reason (each stream then reads its own).
   */
  private static final class Prefetch {
    final Map<String, Long> checkpoints;
    /** Per key read: the view as stored, or null when there is none. */
    final Map<String, ProjectionTable.StoredView> views;
    final Map<StoredEvent, Record> decoded = new IdentityHashMap<>();
    /** Per stream, the keys of the views its events (after its checkpoint) change. */
    final Map<String, Set<String>> keysByStream = new HashMap<>();
    /** The streams whose checkpoint is the one the engine kept, not one read. */
    final Set<String> fromKept = new HashSet<>();
    /** The keys whose view is the one the engine kept, not one read: its commit is conditional on its JSON too. */
    final Set<String> keptKeys = new HashSet<>();

    Prefetch(Map<String, Long> checkpoints, Map<String, ProjectionTable.StoredView> views) {
      this.checkpoints = checkpoints;
      this.views = views;
    }
  }

  private Prefetch prefetch(Map<String, List<Delivery>> byStream) {
    if (byStream.isEmpty()) {
      return new Prefetch(Map.of(), new HashMap<>());
    }
    // the views every event of the batch changes, found before the checkpoints are known, so that checkpoints and
    // views are read in one call: a duplicate's view is read for nothing, which costs less than a second round trip
    Map<StoredEvent, Record> decoded = new IdentityHashMap<>();
    Map<StoredEvent, String> keyOf = new IdentityHashMap<>();
    Set<String> keys = new LinkedHashSet<>();
    for (List<Delivery> deliveries : byStream.values()) {
      for (Delivery delivery : deliveries) {
        StoredEvent event = delivery.event();
        if (event.data() != null && consumed.contains(event.type())) {
          try {
            Record record = decode(event);
            decoded.put(event, record);
            String key = fold.viewKey(record, metadata(event));
            // a key no item can have is left to its own stream, where reading it fails that stream only
            if (key != null && Text.problem(key) == null && Text.utf8Length(key) <= KeyLimits.maxViewKeyBytes()) {
              keys.add(key);
              keyOf.put(event, key);
            }
          } catch (RuntimeException notNow) {
            // an event that cannot be decoded or keyed fails where it is applied, with its stream
          }
        }
      }
    }
    // what the engine kept from its own last commits is not read again while it is mostly current: the commit is
    // conditional on it, as on a read; a stream whose messages all seem duplicates by what was kept is read, since only
    // a read may call them that. While it is not trusted, it is compared with what is read instead.
    boolean trusted = kept.trusted();
    Prefetch prefetch = new Prefetch(new HashMap<>(), new HashMap<>());
    List<String> streamsToRead = new ArrayList<>();
    List<String> keysToRead = new ArrayList<>();
    Map<String, Long> unusedCheckpoints = new HashMap<>();
    Map<String, ProjectionTable.StoredView> unusedViews = new HashMap<>();
    for (Map.Entry<String, List<Delivery>> stream : byStream.entrySet()) {
      Long checkpoint = kept.checkpoint(stream.getKey());
      long max = highestVersion(stream.getValue());
      if (checkpoint != null && max > checkpoint && trusted) {
        prefetch.checkpoints.put(stream.getKey(), checkpoint);
        prefetch.fromKept.add(stream.getKey());
      } else {
        streamsToRead.add(stream.getKey());
        if (checkpoint != null && max > checkpoint) {
          unusedCheckpoints.put(stream.getKey(), checkpoint);
        }
      }
    }
    for (String key : keys) {
      KeptStreams.View view = kept.view(key);
      if (view != null && trusted) {
        prefetch.views.put(key, view.stored());
        prefetch.keptKeys.add(key);
      } else {
        keysToRead.add(key);
        if (view != null) {
          unusedViews.put(key, view.stored());
        }
      }
    }
    if (!streamsToRead.isEmpty() || !keysToRead.isEmpty()) {
      ProjectionTable.CheckpointsAndViews read;
      try {
        read = table.read(streamsToRead, keysToRead);
      } catch (RuntimeException e) {
        readAheadFailed("checkpoints and views", e);
        return new Prefetch(Map.of(), new HashMap<>());
      }
      prefetch.checkpoints.putAll(read.checkpoints());
      prefetch.views.putAll(read.views());
      unusedCheckpoints.forEach((streamId, keptCheckpoint) -> {
        if (read.checkpoints().containsKey(streamId)) {
          kept.outcome(keptCheckpoint.equals(read.checkpoints().get(streamId)));
        }
      });
      unusedViews.forEach((key, keptView) -> {
        if (read.views().containsKey(key)) {
          ProjectionTable.StoredView stored = read.views().get(key);
          kept.outcome(keptView == null ? stored == null
              : stored != null && stored.revision() == keptView.revision() && Objects.equals(stored.writeId(), keptView.writeId())
                  && stored.data().equals(keptView.data()));
        }
      });
    }
    prefetch.decoded.putAll(decoded); // a duplicate's is never looked up: duplicates are skipped before applying
    for (Map.Entry<String, List<Delivery>> stream : byStream.entrySet()) {
      long checkpoint = prefetch.checkpoints.getOrDefault(stream.getKey(), 0L);
      for (Delivery delivery : stream.getValue()) {
        String key = keyOf.get(delivery.event());
        if (key != null && delivery.event().version() > checkpoint) {
          prefetch.keysByStream.computeIfAbsent(stream.getKey(), k -> new LinkedHashSet<>()).add(key);
        }
      }
    }
    return prefetch;
  }

  /** A read ahead that failed costs only speed: the streams read for themselves, and fail on their own if they must. */
  private void readAheadFailed(String what, RuntimeException e) {
    LogLine line = LogLine.warn("reading a batch's " + what + " together failed; each stream reads its own")
        .put(subjectField, projection.name());
    (transientFailure(e) ? line.cause(e) : line.unexpected(e)).writeTo(log);
  }


  /** @return how many times SQS has delivered the message (its {@code ApproximateReceiveCount}), or null when not given */
  public static String receiveCount(SQSEvent.SQSMessage message) {
    return message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
  }

  /** Applies one stream's deliveries, retrying a few times when DynamoDB fails for a passing reason. */
  private Result processStreamRetryingTransientFailures(String streamId, List<Delivery> deliveries, Prefetch prefetch,
      Group group) {
    for (int attempt = 1; ; attempt++) {
      try {
        return processStream(streamId, deliveries, attempt == 1 ? prefetch : null, attempt == 1 ? group : null);
      } catch (RuntimeException e) {
        // a commit that failed so may have been written: read the checkpoint and the views again
        kept.forget(streamId, prefetch == null ? Set.of() : prefetch.keysByStream.getOrDefault(streamId, Set.of()));
        if (attempt >= TRANSIENT_ATTEMPTS || !transientFailure(e)) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  /**
   * @return whether a failure passes by itself: throttling, a 5xx, no answer (a transaction cancelled by a
   *     concurrent writer is retried where it happens)
   */
  static boolean transientFailure(Throwable e) {
    if (e instanceof TransactionCanceledException) {
      return false;
    }
    if (e instanceof SdkClientException) {
      return true;
    }
    if (e instanceof AwsServiceException service) {
      return service.isThrottlingException() || service.statusCode() >= 500;
    }
    return e instanceof TransientStoreException;
  }

  private record Result(int applied, long failedAt, Instant lastEventTime) {}

  /** @return the highest stream version among a stream's deliveries, 0 for none */
  private static long highestVersion(List<Delivery> deliveries) {
    long max = 0;
    for (Delivery delivery : deliveries) {
      max = Math.max(max, delivery.event().version());
    }
    return max;
  }

  private Result processStream(String streamId, List<Delivery> deliveries, Prefetch prefetch, Group group) {
    long max = highestVersion(deliveries);
    boolean eachEvent = false; // commit after every event: when the events' changes together did not fit one transaction
    Set<String> ranBefore = new HashSet<>(); // the reactors an attempt ran whose marks it could not commit
    for (int attempt = 1; ; attempt++) {
      // what the batch read ahead serves the first attempt; after a conflict the stream reads afresh
      Prefetch ahead = attempt == 1 && prefetch != null ? prefetch : null;
      Long prefetched = ahead == null ? null : ahead.checkpoints.get(streamId);
      long checkpoint = prefetched != null ? prefetched : table.checkpoint(streamId);
      if (max <= checkpoint) {
        return new Result(0, ALL_APPLIED, null); // every message is a duplicate
      }
      List<StoredEvent> pending = eventsAfter(streamId, checkpoint, max, deliveries);
      Batch batch = new Batch(ahead, ranBefore);
      try {
        return apply(streamId, checkpoint, pending, batch, attempt == 1 ? group : null, deliveries, eachEvent);
      } catch (CommitTooLarge | ViewTooLargeException tooLarge) {
        if (eachEvent) {
          // cannot happen: event by event, a view too large fails its event (in apply), and one view fits with its checkpoint
          throw tooLarge instanceof CommitTooLarge commit ? commit.getCause() : tooLarge;
        }
        if (prefetch != null) {
          batch.views.keySet().forEach(prefetch.views::remove);
        }
        // nothing of that commit was written: again from the checkpoint, committing event by event, so that the events
        // before the one that makes a view too large are applied, and the stream fails from that one on; the reactors
        // that ran are not run again (their marks are written with their events' commits)
        ranBefore.addAll(batch.reactions);
        eachEvent = true;
      } catch (TransactionCanceledException conflict) {
        readViewsAgain(streamId, batch, prefetch); // another writer moved them: read them again from now on
        // another consumer moved the checkpoint or a shared view first: read again and re-apply
        if (attempt >= MAX_ATTEMPTS) {
          throw conflict;
        }
        if (batch.usedKept(streamId)) {
          kept.outcome(false); // what was kept was stale, most likely: no race to wait out, read at once
        } else {
          pause(attempt);
        }
      } catch (UnverifiedKeptState unverified) {
        // a handler failed on what was kept, before any commit could tell whether it was current: read afresh and
        // apply again; a failure then is the handler's (a reactor that ran is not run again)
        readViewsAgain(streamId, batch, prefetch);
        ranBefore.addAll(batch.reactions);
      }
    }
  }

  /** The events (checkpoint, max] in order: from the messages when they are complete, else from the store. */
  private List<StoredEvent> eventsAfter(String streamId, long checkpoint, long max, List<Delivery> deliveries) {
    Map<Long, StoredEvent> delivered = new LinkedHashMap<>();
    for (Delivery delivery : deliveries) {
      if (delivery.event().version() > checkpoint && delivery.event().data() != null) {
        delivered.putIfAbsent(delivery.event().version(), delivery.event());
      }
    }
    List<StoredEvent> ordered = new ArrayList<>();
    for (long version = checkpoint + 1; version <= max; version++) {
      StoredEvent event = delivered.get(version);
      if (event == null) {
        // a gap (reordered, lost or claim-checked delivery): the event store has every event
        return events.read(streamId, checkpoint).stream().filter(e -> e.version() <= max).toList();
      }
      ordered.add(event);
    }
    return ordered;
  }

  /**
   * What several events changed together does not fit one transaction (large views): nothing of that commit was
   * written, and the stream is applied again, committing after each event.
   */
  private static final class CommitTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommitTooLarge(String streamId, ProjectionTable.Commit commit) {
      super(null, new IllegalStateException("the commit of stream " + streamId + " takes " + commit.size() + " items, about "
          + commit.approximateBytes() + " bytes: more than one transaction holds"), false, false);
    }

    @Override
    public synchronized RuntimeException getCause() {
      return (RuntimeException) super.getCause();
    }
  }

  /**
   * The views an attempt loaded may have moved: the batch's later streams and later batches read them, and the stream's
   * checkpoint, again instead of using what was read ahead or kept.
   */
  private void readViewsAgain(String streamId, Batch batch, Prefetch prefetch) {
    if (prefetch != null) {
      batch.views.keySet().forEach(prefetch.views::remove);
    }
    kept.forget(streamId, batch.views.keySet());
  }

  /** A handler failed on what the engine kept, before a commit checked it: the stream is read afresh and applied again. */
  private static final class UnverifiedKeptState extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnverifiedKeptState(RuntimeException handlerFailure) {
      super(null, handlerFailure, false, false);
    }
  }

  /** A stored view the codec could not read: its data as stored, and why. */
  private record Unreadable(String data, ViewUnreadableException failure) {}

  /** A view read in this batch, with the revision it was read at, and its new value. */
  private static final class Working<V> {
    final long readRevision;
    /** How many items held the view as read (1 when there was none). */
    final int readParts;
    /** The write id it was read with, or null (none, or a view written before views carried one). */
    final String readWriteId;
    /** The JSON the engine kept for it instead of reading it, or null when it was read. */
    String keptData;
    V value;
    boolean changed;
    /** Set when the stored view could not be read; reading it then throws. */
    Unreadable unreadable;
    /** An unreadable view that was rebuilt: its data is kept aside in the commit. */
    Unreadable setAside;

    Working(long readRevision, int readParts, String readWriteId, V value) {
      this.readRevision = readRevision;
      this.readParts = readParts;
      this.readWriteId = readWriteId;
      this.value = value;
    }
  }

  /**
   * What one stream's events changed since the last commit: the views read (each from the table on first
   * use) and the reactions that ran.
   */
  private final class Batch implements ViewFold.State<V> {
    final Map<String, Working<V>> views = new LinkedHashMap<>();
    final List<String> reactions = new ArrayList<>();
    /** What the batch read ahead, or null. */
    final Prefetch ahead;
    /** Events whose reactors an earlier attempt ran without committing their marks: not run again, marked when reached. */
    final Set<String> ranBefore;

    /** Whether a view came from what the engine kept rather than from a read. */
    boolean keptViewLoaded;

    Batch(Prefetch ahead, Set<String> ranBefore) {
      this.ahead = ahead;
      this.ranBefore = new HashSet<>(ranBefore);
    }

    /** @return whether this stream's attempt applies on anything the engine kept instead of reading it */
    boolean usedKept(String streamId) {
      return ahead != null && (keptViewLoaded || ahead.fromKept.contains(streamId));
    }

    private Working<V> load(String key) {
      if (ahead != null && ahead.views.containsKey(key)) {
        ProjectionTable.StoredView stored = ahead.views.get(key);
        Working<V> working = ProjectionEngine.this.load(key, stored);
        if (ahead.keptKeys.contains(key)) {
          keptViewLoaded = true;
          if (stored != null) {
            working.keptData = stored.data();
          }
        }
        return working;
      }
      return ProjectionEngine.this.load(key, table.view(key));
    }

    @Override
    public V view(String key) {
      Working<V> working = views.computeIfAbsent(key, this::load);
      if (working.unreadable != null) {
        throw working.unreadable.failure();
      }
      return working.value;
    }

    @Override
    public void put(String key, V view) {
      Working<V> working = views.computeIfAbsent(key, this::load);
      if (working.unreadable != null) {
        throw working.unreadable.failure();
      }
      working.value = view;
      working.changed = true;
    }

    /** Forgets views that could not be read, so a commit of what came before leaves them as they are. */
    void discardUnreadable() {
      views.values().removeIf(working -> working.unreadable != null);
    }

    @Override
    public boolean reacted(String eventId) {
      if (ranBefore.remove(eventId)) {
        reactions.add(eventId); // it ran in an attempt whose commit did not fit: mark it with this event's commit
        return true;
      }
      return reactions.contains(eventId) || table.reacted(eventId);
    }

    @Override
    public void markReacted(String eventId) {
      reactions.add(eventId);
    }
  }

  /**
   * Applies a stream's pending events; commits when a chunk is full or a handler fails, and at the end, when the
   * stream changed anything, hands its last commit to the group (or, without one, commits it).
   */
  private Result apply(String streamId, long checkpoint, List<StoredEvent> pending, Batch batch, Group group,
      List<Delivery> deliveries, boolean eachEvent) {
    long committed = checkpoint;
    long applied = checkpoint;
    int count = 0;
    Instant lastEventTime = null;
    Instant lastApplied = null; // the time of the event applied before the last
    for (StoredEvent stored : pending) {
      if (consumed.contains(stored.type())) {
        try {
          applyRebuildingUnreadableViews(stored, batch);
        } catch (RuntimeException handlerFailure) {
          if (transientFailure(handlerFailure)) {
            throw handlerFailure; // DynamoDB failed, not the handler: the whole stream is tried again
          }
          if (applied == committed && batch.usedKept(streamId)) {
            throw new UnverifiedKeptState(handlerFailure); // it may have failed on a stale copy: read, then judge
          }
          batch.discardUnreadable();
          if (applied > committed) {
            commit(streamId, committed, applied, batch);
          }
          LogLine.error(handlerFailure instanceof ViewUnreadableException
                  ? "a view the event changes cannot be read, and no one stream can rebuild it; the stream is retried from this event"
                  : "the " + subject + " failed on an event; the stream is retried from it, and its message dead-lettered after its receives")
              .put(subjectField, projection.name()).put("streamId", streamId).put("version", stored.version())
              .put("eventId", stored.eventId()).put("type", stored.type()).put("correlationId", stored.correlationId())
              .put("viewKey", handlerFailure instanceof ViewUnreadableException unreadable ? unreadable.key() : null)
              .unexpected(handlerFailure).writeTo(log);
          return new Result(count, stored.version(), lastEventTime);
        }
        count++;
        lastApplied = lastEventTime;
        lastEventTime = stored.timestamp();
      }
      long before = applied;
      applied = stored.version();
      if (eachEvent && (!batch.reactions.isEmpty() || batch.views.values().stream().anyMatch(w -> w.changed))) {
        try {
          commit(streamId, committed, applied, batch);
        } catch (ViewTooLargeException tooLarge) {
          // what came before is committed: the stream fails from this event, as for a handler failure
          batch.views.values().forEach(working -> working.changed = false);
          if (before > committed) {
            commit(streamId, committed, before, batch);
          }
          LogLine.error("the event would make a view larger than a view may be; the stream is retried from it, and its"
                  + " message dead-lettered after its receives")
              .put(subjectField, projection.name()).put("streamId", streamId).put("version", stored.version())
              .put("eventId", stored.eventId()).put("type", stored.type()).put("correlationId", stored.correlationId())
              .put("viewKey", tooLarge.key()).unexpected(tooLarge).writeTo(log);
          return new Result(count - 1, stored.version(), lastApplied);
        }
        committed = applied;
      } else if (batch.views.size() + batch.reactions.size() >= MAX_WRITES_PER_COMMIT) {
        commit(streamId, committed, applied, batch);
        committed = applied;
      }
    }
    Result result = new Result(count, ALL_APPLIED, lastEventTime);
    if (applied > committed) {
      Prepared last = prepare(streamId, committed, applied, batch);
      if (group == null || !group.defer(last, deliveries, result)) {
        last.execute();
      }
    }
    return result;
  }

  /**
   * Applies one event; when a view it changes cannot be read and its key is the stream's aggregate id, sets
   * the view aside, rebuilds it from the stream's earlier events and applies the event again.
   */
  private void applyRebuildingUnreadableViews(StoredEvent stored, Batch batch) {
    try {
      applyOne(stored, batch);
    } catch (ViewUnreadableException unreadable) {
      String aggregateId = stored.streamId().substring(stored.streamId().indexOf('#') + 1);
      if (!rebuildUnreadable || !unreadable.key().equals(aggregateId)) {
        throw unreadable;
      }
      Working<V> working = batch.views.get(unreadable.key());
      working.value = rebuild(stored, unreadable.key());
      working.changed = true;
      working.setAside = working.unreadable;
      working.unreadable = null;
      LogLine.error("a stored view could not be read; it is set aside and rebuilt from its stream")
          .put(subjectField, projection.name()).put("streamId", stored.streamId()).put("version", stored.version())
          .put("eventId", stored.eventId()).put("correlationId", stored.correlationId()).put("viewKey", unreadable.key())
          .put("setAsideAs", ProjectionTable.UNREADABLE + ProjectionTable.VIEW + unreadable.key() + "#" + working.readRevision)
          .unexpected(unreadable).writeTo(log);
      applyOne(stored, batch);
    }
  }

  /** @return the view under {@code key} as the stream's events before {@code upTo} fold it (reactors not run) */
  private V rebuild(StoredEvent upTo, String key) {
    Map<String, V> rebuilt = new LinkedHashMap<>();
    ViewFold.State<V> onlyThisView = new ViewFold.State<>() {
      @Override
      public V view(String viewKey) {
        return rebuilt.get(viewKey);
      }

      @Override
      public void put(String viewKey, V view) {
        if (viewKey.equals(key)) {
          rebuilt.put(viewKey, view);
        }
      }

      @Override
      public boolean reacted(String eventId) {
        return true;
      }

      @Override
      public void markReacted(String eventId) { }
    };
    for (StoredEvent earlier : events.read(upTo.streamId(), 0)) {
      if (earlier.version() >= upTo.version()) {
        break;
      }
      if (consumed.contains(earlier.type())) {
        fold.apply(decode(earlier), metadata(earlier), onlyThisView);
      }
    }
    return rebuilt.get(key);
  }

  /** Decodes a stored event at its stored revision and folds it; the fold upcasts it. */
  private void applyOne(StoredEvent stored, Batch batch) {
    Record decoded = batch.ahead == null ? null : batch.ahead.decoded.get(stored);
    fold.apply(decoded != null ? decoded : decode(stored), metadata(stored), batch);
  }

  private Record decode(StoredEvent stored) {
    EventDefinition definition = upcasting.definition(stored.type(), stored.revision());
    if (definition == null) {
      throw new IllegalStateException("event '" + stored.type() + "' revision " + stored.revision() + " is unknown");
    }
    return codecs.fromJson(definition.type(), stored.data());
  }

  private static EventMetadata metadata(StoredEvent stored) {
    return stored.metadata();
  }

  private Working<V> load(String key, ProjectionTable.StoredView stored) {
    if (stored == null) {
      return new Working<>(0, 1, null, null);
    }
    try {
      return new Working<>(stored.revision(), stored.parts(), stored.writeId(), codecs.fromJson(projection.viewType(), stored.data()));
    } catch (RuntimeException notReadable) {
      Working<V> working = new Working<>(stored.revision(), stored.parts(), stored.writeId(), null);
      working.unreadable = new Unreadable(stored.data(), new ViewUnreadableException(projection.viewType(), key, notReadable));
      return working;
    }
  }

  private void commit(String streamId, long from, long to, Batch batch) {
    prepare(streamId, from, to, batch).execute();
  }

  /** Builds the commit of what a stream's batch changed, to execute alone or in a group. */
  private Prepared prepare(String streamId, long from, long to, Batch batch) {
    ProjectionTable.Commit commit = table.commit().checkpoint(streamId, from, to);
    Map<String, String> written = new LinkedHashMap<>();
    for (Map.Entry<String, Working<V>> view : batch.views.entrySet()) {
      if (view.getValue().changed) {
        String json = view.getValue().value == null ? null : codecs.toJson(view.getValue().value);
        written.put(view.getKey(), json);
        commit.view(view.getKey(), json, view.getValue().readRevision, view.getValue().readParts, view.getValue().readWriteId,
            view.getValue().keptData);
        if (view.getValue().setAside != null) {
          commit.setAside(view.getKey(), view.getValue().setAside.data(), view.getValue().readRevision,
              view.getValue().setAside.failure().getMessage());
        }
      }
    }
    batch.reactions.forEach(commit::reaction);
    if (!commit.fitsOneTransaction()) {
      throw new CommitTooLarge(streamId, commit);
    }
    return new Prepared(streamId, to, commit, batch, written);
  }

  /** A stream's commit, built and not yet executed. */
  private final class Prepared {
    final String streamId;
    /** The version the commit moves the checkpoint to. */
    final long to;
    final ProjectionTable.Commit commit;
    final Batch batch;
    /** The views it writes: their JSON, null for a deletion. */
    final Map<String, String> written;

    Prepared(String streamId, long to, ProjectionTable.Commit commit, Batch batch, Map<String, String> written) {
      this.streamId = streamId;
      this.to = to;
      this.commit = commit;
      this.batch = batch;
      this.written = written;
    }

    void execute() {
      commit.execute();
      executed();
    }

    /**
     * After the commit: the next chunk, and later streams of the batch, continue from what was written; and later
     * batches, from what the engine keeps.
     */
    void executed() {
      if (batch.usedKept(streamId)) {
        kept.outcome(true);
      }
      kept.checkpoint(streamId, to);
      for (Map.Entry<String, Working<V>> view : batch.views.entrySet()) {
        Working<V> done = view.getValue();
        if (done.changed) {
          int parts = commit.partsWritten(view.getKey());
          String writeId = commit.writeId(view.getKey());
          view.setValue(done.value == null ? new Working<>(0, 1, null, null)
              : new Working<>(done.readRevision + 1, parts, writeId, done.value));
          String json = written.get(view.getKey());
          ProjectionTable.StoredView stored = json == null ? null
              : new ProjectionTable.StoredView(view.getKey(), json, done.readRevision + 1, parts, writeId);
          if (json != null && !ViewItems.inline(json)) {
            if (batch.ahead != null) {
              batch.ahead.views.remove(view.getKey()); // a large view is not kept for the batch: read again when needed
            }
            kept.forget(view.getKey());
          } else {
            if (batch.ahead != null) {
              batch.ahead.views.put(view.getKey(), stored);
            }
            kept.view(view.getKey(), stored);
          }
        }
      }
      batch.reactions.clear();
    }
  }

  /**
   * The last commits of a batch's streams, executed together in one {@code TransactWriteItems} of at most 100 items
   * and about 3 MB: one round trip for many streams instead of one each. Only streams whose views are disjoint go
   * together (a transaction may not touch an item twice). When the transaction is cancelled (a concurrent consumer
   * moved a checkpoint or a view) or fails, nothing of it was written, and each of its streams is applied again on
   * its own, reading afresh, exactly as after a conflict.
   */
  private final class Group {
    private static final int MAX_ITEMS = ProjectionTable.MAX_TRANSACTION_ITEMS;
    private static final long MAX_BYTES = 3L * 1024 * 1024;
    private final Prefetch prefetch;
    private final Map<String, Result> results;
    private final Map<String, RuntimeException> errors;
    private final List<Prepared> members = new ArrayList<>();
    private final Map<String, List<Delivery>> deliveries = new HashMap<>();
    private final Set<String> keys = new HashSet<>();
    private int items;
    private long bytes;
    int transactions;
    int redone;

    Group(Prefetch prefetch, Map<String, Result> results, Map<String, RuntimeException> errors) {
      this.prefetch = prefetch;
      this.results = results;
      this.errors = errors;
    }

    boolean touchesAny(Set<String> viewKeys) {
      for (String key : viewKeys) {
        if (keys.contains(key)) {
          return true;
        }
      }
      return false;
    }

    /** @return whether the commit joined the group (false: its views overlap the group's; execute it alone) */
    boolean defer(Prepared prepared, List<Delivery> streamDeliveries, Result result) {
      if (touchesAny(prepared.batch.views.keySet())) {
        return false;
      }
      if (items + prepared.commit.size() > MAX_ITEMS || bytes + prepared.commit.approximateBytes() > MAX_BYTES) {
        flush();
      }
      members.add(prepared);
      deliveries.put(prepared.streamId, streamDeliveries);
      keys.addAll(prepared.batch.views.keySet());
      items += prepared.commit.size();
      bytes += prepared.commit.approximateBytes();
      results.put(prepared.streamId, result);
      return true;
    }

    void flush() {
      if (members.isEmpty()) {
        return;
      }
      List<Prepared> flushing = new ArrayList<>(members);
      members.clear();
      keys.clear();
      items = 0;
      bytes = 0;
      try {
        transactions++;
        if (flushing.size() == 1) {
          flushing.get(0).commit.execute();
        } else {
          table.executeTogether(flushing.stream().map(p -> p.commit).toList());
        }
        flushing.forEach(Prepared::executed);
      } catch (RuntimeException failed) {
        // nothing was written: each stream again, alone and reading afresh (its retries handle what passes)
        redone++;
        // one stale member cancels the whole group, and every member is then read and committed alone: each counts
        flushing.stream().filter(p -> p.batch.usedKept(p.streamId)).forEach(p -> kept.outcome(false));
        for (Prepared prepared : flushing) {
          readViewsAgain(prepared.streamId, prepared.batch, prefetch);
        }
        for (Prepared prepared : flushing) {
          results.remove(prepared.streamId);
          try {
            results.put(prepared.streamId,
                processStreamRetryingTransientFailures(prepared.streamId, deliveries.get(prepared.streamId), null, null));
          } catch (RuntimeException e) {
            errors.put(prepared.streamId, e);
          }
        }
      }
      flushing.forEach(p -> deliveries.remove(p.streamId));
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(100, 5L << attempt)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
