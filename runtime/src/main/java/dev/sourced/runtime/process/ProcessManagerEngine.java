package dev.sourced.runtime.process;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.sourced.api.Caller;
import dev.sourced.api.DomainException;
import dev.sourced.api.EventMetadata;
import dev.sourced.api.ProcessStep;
import dev.sourced.runtime.IdempotencyKeyReusedException;
import dev.sourced.runtime.StreamAlreadyExistsException;
import dev.sourced.runtime.StreamNotFoundException;
import dev.sourced.runtime.command.CommandOptions;
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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a process manager on its queue. Its instances' states live in its table as a projection's views do, keyed by
 * association key, and each commits with the source stream's checkpoint in one transaction: the same
 * {@link ProjectionEngine}, so duplicated, reordered and gap-filled delivery is handled exactly as for a projection.
 *
 * <p>The commands a step decides are sent before the state commits, in-process through the command bus, each with
 * the idempotency key {@code <process-manager>:<eventId>:<n>} (the n-th command for that event). An event handled
 * again (redelivered, or its commit lost a race) decides the same commands with the same keys, so the command bus
 * answers with the first result and appends nothing: sent once in effect, as long as the aggregate keeps idempotency
 * records (24 hours by default). A command is sent with the caller {@code service:process-manager:<name>}, the
 * event's correlation id, and the event's id as causation id.
 *
 * <p>A process manager handles the events appended after it was deployed (its state table was created): an older
 * event of a stream, read from the event store to fill a gap before a newer one, moves the checkpoint but is not
 * handled, so deploying a process manager into an application with history decides nothing about the past.
 *
 * <p>A rejected command ({@link DomainException}, or a stream that does not exist or already exists) is recorded in the
 * state table under its key, so that handling the event again meets the same rejection rather than a command that
 * may now succeed; then it goes to the process manager's rejection handler, whose step may send further commands (compensation); without a handler the
 * rejection is logged and the workflow goes on. Any other failure fails the event, which is retried and finally
 * dead-lettered.
 *
 * @param <S> the state record
 */
public final class ProcessManagerEngine<S> {
  /** Commands one event may send, its rejection handlers' included. */
  public static final int MAX_COMMANDS_PER_EVENT = 100;
  /** The caller's name prefix: a process manager's commands are sent by {@code process-manager:<name>}. */
  public static final String CALLER_PREFIX = "process-manager:";

  private final ProcessManagerDefinition<S> definition;
  private final ProcessManagerDispatcher<S> dispatcher;
  private final CommandSender sender;
  private final Rejections rejections;
  private final Consumer<String> log;
  private final ProjectionEngine<S> engine;
  private final ProjectionTable table;
  private volatile Instant startedAt;

  /**
   * @param app the generated registry
   * @param codecs its codecs
   * @param definition the process manager
   * @param dispatcher its dispatcher (the definition's, or one on a given instance)
   * @param events the event store, read to fill gaps
   * @param table its state table
   * @param sender where its commands go
   * @param log where log lines go
   */
  public ProcessManagerEngine(SourcedApplication app, JsonCodecs codecs, ProcessManagerDefinition<S> definition,
      ProcessManagerDispatcher<S> dispatcher, EventStore events, ProjectionTable table, CommandSender sender, Consumer<String> log) {
    this.definition = Objects.requireNonNull(definition, "definition");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.log = Objects.requireNonNull(log, "log");
    this.rejections = Rejections.in(table);
    this.table = table;
    Steps steps = new Steps();
    ProjectionDefinition<S> asProjection = new ProjectionDefinition<>(definition.name(), 1, definition.type(),
        definition.stateType(), definition.eventNames(), steps, instance -> steps);
    this.engine = new ProjectionEngine<>(app, codecs, asProjection, steps, events, table, log);
  }

  /** @return its state table */
  public ProjectionTable table() {
    return engine.table();
  }

  /** @return the process manager it runs */
  public ProcessManagerDefinition<S> definition() {
    return definition;
  }

  /**
   * Handles one SQS batch of EventBridge events.
   *
   * @param batch the batch
   * @return the messages to retry
   */
  public SQSBatchResponse handle(SQSEvent batch) {
    return engine.handle(batch);
  }

  /**
   * Runs one event's step against a state, sending its commands: what the engine folds, and what the test kit runs
   * in memory.
   *
   * @param event an event of the newest revision that the process manager handles
   * @param metadata its metadata
   * @param current the instance's state, {@code null} if none
   * @return the instance's next state, {@code null} when it ended
   */
  public S step(Record event, EventMetadata metadata, S current) {
    return step(definition, dispatcher, sender, rejections, log, event, metadata, current);
  }

  /**
   * Runs one event's step: the handler, then its commands in order, each rejection through the rejection handler.
   *
   * @return the instance's next state, {@code null} when it ended
   */
  public static <S> S step(ProcessManagerDefinition<S> definition, ProcessManagerDispatcher<S> dispatcher, CommandSender sender,
      Rejections rejections, Consumer<String> log, Record event, EventMetadata metadata, S current) {
    ProcessStep<S> step = dispatcher.on(event, metadata, current);
    if (step == null) {
      throw new NullPointerException("process manager '" + definition.name() + "' returned null for " + metadata.eventName()
          + "; return ProcessStep.of(state), or ProcessStep.end()");
    }
    S state = step.state();
    Deque<Record> pending = new ArrayDeque<>(step.commands());
    Caller caller = Caller.service(CALLER_PREFIX + definition.name());
    int index = 0;
    while (!pending.isEmpty()) {
      Record command = pending.poll();
      if (index >= MAX_COMMANDS_PER_EVENT) {
        throw new IllegalStateException("process manager '" + definition.name() + "' sent more than " + MAX_COMMANDS_PER_EVENT
            + " commands for event " + metadata.eventId() + "; its rejection handlers may be sending in a loop");
      }
      if (!definition.sends().contains(command.getClass())) {
        throw new IllegalStateException("process manager '" + definition.name() + "' sent " + command.getClass().getName()
            + ", which its @ProcessManager(sends = ...) does not list; list it there");
      }
      String key = definition.name() + ":" + metadata.eventId() + ":" + index++;
      DomainException rejection = rejections.find(key); // rejected when this event was handled before: rejected still
      if (rejection == null) {
        try {
          sender.send(command, new CommandOptions(key, metadata.correlationId(), metadata.eventId(), caller));
          continue;
        } catch (DomainException e) {
          rejection = e;
        } catch (StreamNotFoundException e) {
          rejection = new DomainException("stream-not-found", e.getMessage());
        } catch (StreamAlreadyExistsException e) {
          rejection = new DomainException("stream-already-exists", e.getMessage());
        } catch (IdempotencyKeyReusedException e) {
          // handled again after the instance's state moved on (another stream's event committed in between): the
          // command first sent under this key took effect; deciding it anew would send a second one
          LogLine.warn("a command was decided again differently; the one first sent under its key stands")
              .put("processManager", definition.name()).put("eventId", metadata.eventId()).put("idempotencyKey", key)
              .put("command", command.getClass().getSimpleName()).put("correlationId", metadata.correlationId()).writeTo(log);
          continue;
        }
        rejections.record(key, rejection); // before anything is done about it
      }
      ProcessStep<S> next = dispatcher.rejected(command, rejection, state);
      if (next == null) {
        LogLine.warn("command rejected; the process manager has no @RejectionHandler for it, so the workflow goes on")
            .put("processManager", definition.name()).put("eventId", metadata.eventId())
            .put("command", command.getClass().getSimpleName()).put("code", rejection.code())
            .put("correlationId", metadata.correlationId()).writeTo(log);
        continue;
      }
      LogLine.info("command rejected; the process manager's rejection handler took it")
          .put("processManager", definition.name()).put("eventId", metadata.eventId())
          .put("command", command.getClass().getSimpleName()).put("code", rejection.code())
          .put("correlationId", metadata.correlationId()).writeTo(log);
      state = next.state();
      pending.addAll(next.commands());
    }
    return state;
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

  /** The process manager seen as a projection whose views are its instances' states. */
  private final class Steps implements ProjectionDispatcher<S> {
    @Override
    public Handling handling(Record event) {
      return dispatcher.handles(event) ? Handling.VIEW : Handling.NONE;
    }

    @Override
    public String viewKey(Record event, EventMetadata metadata) {
      return dispatcher.associationKey(event, metadata);
    }

    @Override
    public S apply(Record event, EventMetadata metadata, S current) {
      if (metadata.timestamp() != null && metadata.timestamp().isBefore(startedAt())) {
        return current; // history from before the process manager was deployed, read to fill a gap: never handled
      }
      return step(definition, dispatcher, sender, rejections, log, event, metadata, current);
    }

    @Override
    public void react(Record event, EventMetadata metadata) {
      throw new UnsupportedOperationException("a process manager has no reactors");
    }
  }
}
