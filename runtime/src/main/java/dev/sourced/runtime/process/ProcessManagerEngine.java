package dev.sourced.runtime.process;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.sourced.api.EventMetadata;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.log.LogLine;
import dev.sourced.runtime.projection.ProjectionEngine;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.EventStore;
import dev.sourced.spi.ProcessManagerDefinition;
import dev.sourced.spi.ProcessManagerDispatcher;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.ProjectionDispatcher;
import dev.sourced.spi.SourcedApplication;
import dev.sourced.runtime.store.TransientStoreException;
import java.time.Duration;
import java.time.Instant;
import dev.sourced.runtime.event.EventEnvelope;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a process manager on its queue. Its instances live in its state table as a projection's views do, keyed by
 * association key ({@link ProcessInstance}: the handlers' state and the deadlines set on it), and each commits with the
 * source stream's checkpoint in one transaction: the same {@link ProjectionEngine}, so duplicated, reordered and
 * gap-filled delivery is handled exactly as for a projection.
 *
 * <p>A step's commands are sent, and its deadlines scheduled, before its instance commits, in-process through the
 * command bus, each with a key derived from what triggered it ({@link ProcessRunner}). An event handled again
 * (redelivered, or its commit lost a race) decides the same commands with the same keys, so the command bus answers
 * with the first result and appends nothing: sent once in effect, as long as the aggregate keeps idempotency records
 * (24 hours by default). A command is sent with the caller {@code service:process-manager:<name>}, the trigger's
 * correlation id, and the trigger's id (the event's, or the deadline's) as causation id.
 *
 * <p>A process manager handles the events appended after it was deployed (its state table was created): an older
 * event of a stream, read from the event store to fill a gap before a newer one, moves the checkpoint but is not
 * handled, so deploying a process manager into an application with history decides nothing about the past.
 *
 * <p>A rejected command ({@code DomainException}, or a stream that does not exist or already exists) is recorded in the
 * state table under its key, so that handling the event again meets the same rejection rather than a command that
 * may now succeed; then it goes to the process manager's rejection handler, whose step may send further commands
 * (compensation); without a handler the rejection is logged and the workflow goes on. Any other failure fails the
 * message, which is retried and finally dead-lettered.
 *
 * <p>Before a step sends anything it claims its instance ({@link ProjectionTable#claim}): two steps on one instance
 * (two streams' events in two invocations, an event and a deadline) never decide at once; the one that loses reads the
 * instance again and decides on what the other committed.
 *
 * <p>A deadline arrives on the same queue ({@link DeadlineMessage}). It runs when the instance still holds it (same
 * name and id: not cancelled, set again or ended since), and its step commits with the instance, which forgets it, on
 * the condition that the instance did not change meanwhile: once in effect.
 *
 * @param <S> the state record
 */
public final class ProcessManagerEngine<S> {
  /** The caller's name prefix: a process manager's commands are sent by {@code process-manager:<name>}. */
  public static final String CALLER_PREFIX = "process-manager:";

  private final ProcessRunner<S> runner;
  private final Consumer<String> log;
  private final ProjectionEngine<ProcessInstance<S>> engine;
  private final ProjectionTable table;
  private final InstanceCodecs<S> codecs;
  private volatile Instant startedAt;
  /** The instances this thread's batch claimed: the revision each was claimed at, and the trigger that claimed it. */
  private final ThreadLocal<Map<String, Claim>> claimed = ThreadLocal.withInitial(HashMap::new);

  private record Claim(long revision, String trigger) {}

  /** How long a claim holds when its step neither commits nor runs again (its message was dead-lettered). */
  public static final Duration CLAIM_EXPIRY = Duration.ofMinutes(5);

  /**
   * @param app the generated registry
   * @param codecs its codecs
   * @param definition the process manager
   * @param dispatcher its dispatcher (the definition's, or one on a given instance)
   * @param events the event store, read to fill gaps
   * @param table its state table
   * @param sender where its commands go
   * @param deadlines where its deadlines are scheduled
   * @param log where log lines go
   */
  public ProcessManagerEngine(SourcedApplication app, JsonCodecs codecs, ProcessManagerDefinition<S> definition,
      ProcessManagerDispatcher<S> dispatcher, EventStore events, ProjectionTable table, CommandSender sender, Deadlines deadlines,
      Consumer<String> log) {
    this.log = Objects.requireNonNull(log, "log");
    this.table = Objects.requireNonNull(table, "table");
    this.runner = new ProcessRunner<>(definition, dispatcher, sender, Rejections.in(table), deadlines, log);
    this.codecs = new InstanceCodecs<>(codecs, definition.stateType());
    Steps steps = new Steps();
    ProjectionDefinition<ProcessInstance<S>> asProjection = new ProjectionDefinition<>(definition.name(), 1, definition.type(),
        InstanceCodecs.<S>type(), definition.eventNames(), steps, instance -> steps);
    // an unreadable instance fails its event (to the DLQ) rather than being rebuilt: rebuilding would run its steps again
    this.engine = new ProjectionEngine<>(app, this.codecs, asProjection, steps, events, table, log, true);
  }

  /** A process manager without deadlines. */
  public ProcessManagerEngine(SourcedApplication app, JsonCodecs codecs, ProcessManagerDefinition<S> definition,
      ProcessManagerDispatcher<S> dispatcher, EventStore events, ProjectionTable table, CommandSender sender, Consumer<String> log) {
    this(app, codecs, definition, dispatcher, events, table, sender, Deadlines.NONE, log);
  }

  /** @return its state table */
  public ProjectionTable table() {
    return table;
  }

  /** @return the process manager it runs */
  public ProcessManagerDefinition<S> definition() {
    return runner.definition();
  }

  /**
   * @param key an association key
   * @return the instance under it, or null
   */
  public ProcessInstance<S> instance(String key) {
    ProjectionTable.StoredView view = table.view(key);
    return view == null ? null : codecs.fromJson(InstanceCodecs.<S>type(), view.data());
  }

  /**
   * Handles one SQS batch: EventBridge events from its rule, and deadlines from its schedules.
   *
   * @param batch the batch
   * @return the messages to retry
   */
  public SQSBatchResponse handle(SQSEvent batch) {
    claimed.get().clear();
    List<SQSEvent.SQSMessage> events = new ArrayList<>();
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : batch.getRecords()) {
      if (!DeadlineMessage.isDeadline(message.getBody())) {
        events.add(message);
      } else if (!deadline(message)) {
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    if (!events.isEmpty()) {
      SQSEvent rest = new SQSEvent();
      rest.setRecords(events);
      List<SQSBatchResponse.BatchItemFailure> failed = engine.handle(rest).getBatchItemFailures();
      failures.addAll(failed);
      releaseClaims(events, failed);
    }
    return new SQSBatchResponse(failures);
  }

  /**
   * Releases the claims this batch took for events whose messages succeeded: their steps committed. A failed message's
   * claim stays, so that its retry, and no other step, decides next on the instance (until the claim expires).
   */
  private void releaseClaims(List<SQSEvent.SQSMessage> events, List<SQSBatchResponse.BatchItemFailure> failed) {
    Set<String> failedMessages = new HashSet<>();
    failed.forEach(f -> failedMessages.add(f.getItemIdentifier()));
    Set<String> failedEvents = new HashSet<>();
    for (SQSEvent.SQSMessage message : events) {
      if (failedMessages.contains(message.getMessageId())) {
        try {
          EventEnvelope.parseAll(message.getBody()).forEach(event -> failedEvents.add(event.eventId()));
        } catch (RuntimeException notAnEnvelope) {
          // it claimed nothing
        }
      }
    }
    for (Map.Entry<String, Claim> claim : claimed.get().entrySet()) {
      if (!failedEvents.contains(claim.getValue().trigger())) {
        try {
          table.releaseClaim(claim.getKey(), claim.getValue().trigger());
        } catch (RuntimeException e) {
          // it expires
          LogLine.warn("a claim could not be released; it expires").put("processManager", runner.definition().name())
              .put("key", claim.getKey()).cause(e).writeTo(log);
        }
      }
    }
    claimed.get().clear();
  }

  /** @return whether the deadline message is done with (ran, or was stale) */
  private boolean deadline(SQSEvent.SQSMessage message) {
    DeadlineMessage deadline;
    try {
      deadline = DeadlineMessage.parse(message.getBody());
    } catch (IllegalArgumentException malformed) {
      LogLine.error("message is not a Sourced deadline; it goes to the dead-letter queue after its receives")
          .put("processManager", runner.definition().name()).put("messageId", message.getMessageId()).cause(malformed).writeTo(log);
      return false;
    }
    try {
      ProjectionTable.StoredView view = table.view(deadline.key());
      long revision = view == null ? 0 : view.revision();
      ProcessInstance<S> instance = view == null ? null : codecs.fromJson(InstanceCodecs.<S>type(), view.data());
      ProcessInstance.Pending pending = instance == null ? null : instance.deadlines().get(deadline.name());
      if (pending == null || !pending.id().equals(deadline.id())) {
        if (table.claimedByAnother(deadline.key(), revision, deadline.id(), Instant.now(), CLAIM_EXPIRY)) {
          // a step on the instance is in flight, and may be setting this very deadline: try again later
          waiting(deadline, message);
          return false;
        }
        LogLine.info("a deadline came due that was cancelled, set again, or whose instance ended; dropped")
            .put("processManager", runner.definition().name()).put("deadline", deadline.name()).put("key", deadline.key())
            .writeTo(log);
        return true;
      }
      if (!table.claim(deadline.key(), revision, deadline.id(), Instant.now(), CLAIM_EXPIRY)) {
        waiting(deadline, message);
        return false;
      }
      ProcessInstance<S> next = runner.onDeadline(deadline, instance);
      // conditional on the revision and the write id read: a view deleted and written again up to the same revision
      // since the read cancels the commit, as it does for a step
      table.commit().view(deadline.key(), next == null ? null : codecs.toJson(next), view.revision(), view.parts(), view.writeId(),
          null).execute();
      table.releaseClaim(deadline.key(), deadline.id());
      LogLine.info("deadline handled").put("processManager", runner.definition().name()).put("deadline", deadline.name())
          .put("key", deadline.key()).put("ended", next == null).writeTo(log);
      return true;
    } catch (RuntimeException e) {
      // a conflict (an event changed the instance meanwhile), a passing failure or a bug: retried; run again, it sends
      // nothing twice
      LogLine.warn("deadline not handled; its message is retried after the visibility timeout")
          .put("processManager", runner.definition().name()).put("deadline", deadline.name()).put("key", deadline.key())
          .unexpected(e).writeTo(log);
      return false;
    }
  }

  /**
   * Logs a deadline that waits for a step of its instance: INFO on its first receive (a step in flight, the usual
   * case), WARN after, when the step holding the instance has most likely failed: its event is retried, and the claim
   * holds until that retry commits or {@link #CLAIM_EXPIRY} after its last attempt. If that event is dead-lettered, the
   * deadline may be too; redrive both once the cause is fixed.
   */
  private void waiting(DeadlineMessage deadline, SQSEvent.SQSMessage message) {
    String receives = ProjectionEngine.receiveCount(message);
    boolean again = receives != null && !receives.equals("1");
    (again ? LogLine.warn("a deadline waits for a step of its instance that has not committed (most likely failed: its"
            + " event is retried); it is retried, and dead-lettered with that event if it runs out of receives first")
        : LogLine.info("a deadline came due while a step of its instance is in flight; it is retried"))
        .put("processManager", runner.definition().name()).put("deadline", deadline.name()).put("key", deadline.key())
        .put("receives", receives).writeTo(log);
  }

  /**
   * Claims an instance before its step sends anything, so that two steps never decide on one instance at once (two
   * streams' events in two invocations, an event and a deadline): the one that loses waits and decides again on what
   * the winner committed, instead of sending what it decided on a state that is gone.
   *
   * @throws TransientStoreException when another step holds the instance, or it changed since it was read: the engine
   *     reads it again and retries, and in the end the message is retried
   */
  private void claim(String key, ProcessInstance<S> current, String trigger) {
    ProjectionTable.StoredView stored = table.view(key);
    long revision = stored == null ? 0 : stored.revision();
    Claim mine = claimed.get().get(key);
    if (mine != null && mine.revision() == revision) {
      return; // claimed by this batch, nothing committed since: current is this batch's own fold of it
    }
    ProcessInstance<S> storedInstance = stored == null ? null : codecs.fromJson(InstanceCodecs.<S>type(), stored.data());
    if (!Objects.equals(storedInstance, current)) {
      throw new TransientStoreException("instance " + key + " of process manager " + runner.definition().name()
          + " changed since it was read", null);
    }
    if (!table.claim(key, revision, trigger, Instant.now(), CLAIM_EXPIRY)) {
      throw new TransientStoreException("instance " + key + " of process manager " + runner.definition().name()
          + " is claimed by a step in flight", null);
    }
    claimed.get().put(key, new Claim(revision, trigger));
  }

  /** @return when the process manager was deployed: its state table's creation, read once per container */
  private Instant startedAt() {
    Instant at = startedAt;
    if (at == null) {
      at = table.createdAt();
      startedAt = at;
    }
    return at;
  }

  /** The process manager seen as a projection whose views are its instances. */
  private final class Steps implements ProjectionDispatcher<ProcessInstance<S>> {
    @Override
    public Handling handling(Record event) {
      return runner.dispatcher().handles(event) ? Handling.VIEW : Handling.NONE;
    }

    @Override
    public String viewKey(Record event, EventMetadata metadata) {
      return runner.dispatcher().associationKey(event, metadata);
    }

    @Override
    public ProcessInstance<S> apply(Record event, EventMetadata metadata, ProcessInstance<S> current) {
      if (metadata.timestamp() != null && metadata.timestamp().isBefore(startedAt())) {
        return current; // history from before the process manager was deployed, read to fill a gap: never handled
      }
      claim(runner.dispatcher().associationKey(event, metadata), current, metadata.eventId());
      return runner.onEvent(event, metadata, current);
    }

    @Override
    public void react(Record event, EventMetadata metadata) {
      throw new UnsupportedOperationException("a process manager has no reactors");
    }
  }
}
