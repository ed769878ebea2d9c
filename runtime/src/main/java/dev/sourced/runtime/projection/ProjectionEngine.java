package dev.sourced.runtime.projection;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.sourced.api.EventMetadata;
import dev.sourced.runtime.event.EventEnvelope;
import dev.sourced.runtime.event.Upcasting;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.store.EventStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.spi.EventDefinition;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.ProjectionDispatcher;
import dev.sourced.spi.SourcedApplication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
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
 *       applied before it is committed; other streams are unaffected.
 * </ol>
 *
 * @param <V> the view type
 */
public final class ProjectionEngine<V> {
  private static final int MAX_WRITES_PER_COMMIT = 90;
  private static final int MAX_ATTEMPTS = 8;

  private final ProjectionDefinition<V> projection;
  private final JsonCodecs codecs;
  private final Upcasting upcasting;
  private final ViewFold<V> fold;
  private final EventStore events;
  private final ProjectionTable table;
  private final Consumer<String> log;
  private final Set<String> consumed;

  /**
   * @param app the generated registry
   * @param codecs the generated codecs
   * @param projection the projection
   * @param dispatcher its dispatcher (the definition's, or one on a given instance)
   * @param events the event store, for gaps and omitted data
   * @param table the projection's table
   * @param log one JSON line per batch
   */
  public ProjectionEngine(SourcedApplication app, JsonCodecs codecs, ProjectionDefinition<V> projection,
      ProjectionDispatcher<V> dispatcher, EventStore events, ProjectionTable table, Consumer<String> log) {
    this.projection = Objects.requireNonNull(projection, "projection");
    Objects.requireNonNull(dispatcher, "dispatcher");
    this.codecs = Objects.requireNonNull(codecs, "codecs");
    this.upcasting = new Upcasting(app);
    this.fold = new ViewFold<>(upcasting, dispatcher);
    this.events = Objects.requireNonNull(events, "events");
    this.table = Objects.requireNonNull(table, "table");
    this.log = log;
    this.consumed = new HashSet<>(projection.eventNames());
  }

  /** @return the projection's table */
  public ProjectionTable table() {
    return table;
  }

  /** A message and the event it carries. */
  private record Delivery(String messageId, StoredEvent event) {}

  /** The stream's outcome: all applied, or the version a handler failed at. */
  private static final long ALL_APPLIED = Long.MAX_VALUE;

  /** Handles one SQS batch of EventBridge events. */
  public SQSBatchResponse handle(SQSEvent batch) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    Map<String, List<Delivery>> byStream = new LinkedHashMap<>();
    int malformed = 0;
    for (SQSEvent.SQSMessage message : batch.getRecords()) {
      try {
        StoredEvent event = EventEnvelope.parse(message.getBody());
        byStream.computeIfAbsent(event.streamId(), s -> new ArrayList<>()).add(new Delivery(message.getMessageId(), event));
      } catch (RuntimeException notAnEnvelope) {
        malformed++;
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    int applied = 0;
    List<String> failedStreams = new ArrayList<>();
    for (Map.Entry<String, List<Delivery>> stream : byStream.entrySet()) {
      long failedAt;
      try {
        Result result = processStream(stream.getKey(), stream.getValue());
        applied += result.applied();
        failedAt = result.failedAt();
      } catch (RuntimeException e) {
        failedAt = 0; // e.g. the store is unavailable: retry every message of the stream
      }
      if (failedAt != ALL_APPLIED) {
        failedStreams.add(stream.getKey());
        for (Delivery delivery : stream.getValue()) {
          if (delivery.event().version() >= failedAt) {
            failures.add(new SQSBatchResponse.BatchItemFailure(delivery.messageId()));
          }
        }
      }
    }
    if (log != null) {
      log.accept("{\"projection\":\"" + projection.name() + "\",\"messages\":" + batch.getRecords().size() + ",\"streams\":"
          + byStream.size() + ",\"applied\":" + applied + ",\"failedMessages\":" + failures.size() + ",\"malformed\":"
          + malformed + ",\"failedStreams\":" + failedStreams.size() + "}");
    }
    return new SQSBatchResponse(failures);
  }

  private record Result(int applied, long failedAt) {}

  private Result processStream(String streamId, List<Delivery> deliveries) {
    long max = deliveries.stream().mapToLong(d -> d.event().version()).max().orElse(0);
    for (int attempt = 1; ; attempt++) {
      long checkpoint = table.checkpoint(streamId);
      if (max <= checkpoint) {
        return new Result(0, ALL_APPLIED); // every message is a duplicate
      }
      List<StoredEvent> pending = eventsAfter(streamId, checkpoint, max, deliveries);
      try {
        return apply(streamId, checkpoint, pending);
      } catch (TransactionCanceledException conflict) {
        // another consumer moved the checkpoint or a shared view first: read again and re-apply
        if (attempt >= MAX_ATTEMPTS) {
          throw conflict;
        }
        pause(attempt);
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

  /** A view read in this batch, with the revision it was read at, and its new value. */
  private static final class Working<V> {
    final long readRevision;
    V value;
    boolean changed;

    Working(long readRevision, V value) {
      this.readRevision = readRevision;
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

    @Override
    public V view(String key) {
      return views.computeIfAbsent(key, ProjectionEngine.this::load).value;
    }

    @Override
    public void put(String key, V view) {
      Working<V> working = views.computeIfAbsent(key, ProjectionEngine.this::load);
      working.value = view;
      working.changed = true;
    }

    @Override
    public boolean reacted(String eventId) {
      return reactions.contains(eventId) || table.reacted(eventId);
    }

    @Override
    public void markReacted(String eventId) {
      reactions.add(eventId);
    }
  }

  private Result apply(String streamId, long checkpoint, List<StoredEvent> pending) {
    Batch batch = new Batch();
    long committed = checkpoint;
    long applied = checkpoint;
    int count = 0;
    Instant lastEventTime = null;
    for (StoredEvent stored : pending) {
      if (consumed.contains(stored.type())) {
        try {
          applyOne(stored, batch);
        } catch (RuntimeException handlerFailure) {
          if (applied > committed) {
            commit(streamId, committed, applied, batch);
          }
          table.recordApplied(count, lastEventTime == null ? Instant.now() : lastEventTime);
          if (log != null) {
            log.accept("{\"projection\":\"" + projection.name() + "\",\"streamId\":\"" + streamId + "\",\"version\":"
                + stored.version() + ",\"outcome\":\"handler-failed\",\"error\":\"" + handlerFailure.getClass().getName() + "\"}");
          }
          return new Result(count, stored.version());
        }
        count++;
        lastEventTime = stored.timestamp();
      }
      applied = stored.version();
      if (batch.views.size() + batch.reactions.size() >= MAX_WRITES_PER_COMMIT) {
        commit(streamId, committed, applied, batch);
        committed = applied;
      }
    }
    if (applied > committed) {
      commit(streamId, committed, applied, batch);
    }
    table.recordApplied(count, lastEventTime == null ? Instant.now() : lastEventTime);
    return new Result(count, ALL_APPLIED);
  }

  /** Decodes a stored event at its stored revision and folds it; the fold upcasts it. */
  private void applyOne(StoredEvent stored, Batch batch) {
    EventDefinition definition = upcasting.definition(stored.type(), stored.revision());
    if (definition == null) {
      throw new IllegalStateException("event '" + stored.type() + "' revision " + stored.revision() + " is unknown");
    }
    Record record = codecs.fromJson(definition.type(), stored.data());
    EventMetadata metadata = new EventMetadata(stored.streamId(), stored.version(), stored.eventId(), stored.type(),
        stored.timestamp(), stored.commandId(), stored.correlationId(), stored.causationId());
    fold.apply(record, metadata, batch);
  }

  private Working<V> load(String key) {
    ProjectionTable.StoredView stored = table.view(key);
    if (stored == null) {
      return new Working<>(0, null);
    }
    return new Working<>(stored.revision(), codecs.fromJson(projection.viewType(), stored.data()));
  }

  private void commit(String streamId, long from, long to, Batch batch) {
    ProjectionTable.Commit commit = table.commit().checkpoint(streamId, from, to);
    for (Map.Entry<String, Working<V>> view : batch.views.entrySet()) {
      if (view.getValue().changed) {
        commit.view(view.getKey(), view.getValue().value == null ? null : codecs.toJson(view.getValue().value),
            view.getValue().readRevision);
      }
    }
    batch.reactions.forEach(commit::reaction);
    commit.execute();
    // the next chunk continues from what was just written
    for (Map.Entry<String, Working<V>> view : new ArrayList<>(batch.views.entrySet())) {
      if (view.getValue().changed) {
        batch.views.put(view.getKey(), load(view.getKey()));
      }
    }
    batch.reactions.clear();
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
