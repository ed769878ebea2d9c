package dev.sourced.runtime.process;

import dev.sourced.api.Caller;
import dev.sourced.api.DomainException;
import dev.sourced.api.EventMetadata;
import dev.sourced.api.ProcessStep;
import dev.sourced.runtime.EventTooLargeException;
import dev.sourced.runtime.IdempotencyKeyReusedException;
import dev.sourced.runtime.InvalidCommandException;
import dev.sourced.runtime.StreamAlreadyExistsException;
import dev.sourced.runtime.StreamNotFoundException;
import dev.sourced.runtime.UniqueValueTakenException;
import dev.sourced.runtime.UnpublishableEventException;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.log.LogLine;
import dev.sourced.spi.ProcessManagerDefinition;
import dev.sourced.spi.ProcessManagerDispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs a process manager's steps: its handler for an event or a deadline, then the step's commands in order (each
 * rejection through its rejection handler, whose step's commands follow), and its deadlines. What
 * {@link ProcessManagerEngine} runs against DynamoDB and the test kit in memory.
 *
 * <p>Everything a step does is derived from what triggered it, so that running it again does nothing new: the n-th
 * command is sent with the idempotency key {@code <process-manager>:<trigger>:<n>}; a rejection met once is met again
 * ({@link Rejections}); a deadline's id, the name of its schedule, is a name-based UUID of the process manager, the
 * instance, the deadline's name and the trigger, and its due time counts from the trigger's time.
 *
 * @param <S> the state record
 */
public final class ProcessRunner<S> {
  /** Commands one trigger may send, its rejection handlers' included. */
  public static final int MAX_COMMANDS_PER_TRIGGER = 100;

  private final ProcessManagerDefinition<S> definition;
  private final ProcessManagerDispatcher<S> dispatcher;
  private final CommandSender sender;
  private final Rejections rejections;
  private final Deadlines deadlines;
  private final Consumer<String> log;
  private final Caller caller;

  /**
   * @param definition the process manager
   * @param dispatcher its dispatcher
   * @param sender where its commands go
   * @param rejections where rejections are kept
   * @param deadlines where its deadlines are scheduled
   * @param log where log lines go
   */
  public ProcessRunner(ProcessManagerDefinition<S> definition, ProcessManagerDispatcher<S> dispatcher, CommandSender sender,
      Rejections rejections, Deadlines deadlines, Consumer<String> log) {
    this.definition = Objects.requireNonNull(definition, "definition");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.rejections = Objects.requireNonNull(rejections, "rejections");
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
    this.log = Objects.requireNonNull(log, "log");
    this.caller = Caller.service(ProcessManagerEngine.CALLER_PREFIX + definition.name());
  }

  /** @return the process manager it runs */
  public ProcessManagerDefinition<S> definition() {
    return definition;
  }

  /** @return its dispatcher */
  public ProcessManagerDispatcher<S> dispatcher() {
    return dispatcher;
  }

  /**
   * Runs the handler of an event the process manager {@link ProcessManagerDispatcher#handles handles}.
   *
   * @param event the event, newest revision
   * @param metadata its metadata
   * @param current the instance, or null
   * @return the instance after the step; null when it ended (or never started)
   */
  public ProcessInstance<S> onEvent(Record event, EventMetadata metadata, ProcessInstance<S> current) {
    ProcessStep<S> step = dispatcher.on(event, metadata, ProcessInstance.stateOf(current));
    if (step == null) {
      throw new NullPointerException("process manager '" + definition.name() + "' returned null for " + metadata.eventName()
          + "; return ProcessStep.of(state), or ProcessStep.end()");
    }
    String key = dispatcher.associationKey(event, metadata);
    Instant at = metadata.timestamp() == null ? Instant.now() : metadata.timestamp();
    return follow(step, key, metadata.eventId(), metadata.correlationId(), at, current);
  }

  /**
   * Runs the handler of a deadline that came due, which must be the instance's pending deadline of that name and id.
   *
   * @param deadline the deadline
   * @param current the instance holding it
   * @return the instance after the step, without the deadline; null when it ended
   */
  public ProcessInstance<S> onDeadline(DeadlineMessage deadline, ProcessInstance<S> current) {
    ProcessInstance.Pending pending = current.deadlines().get(deadline.name());
    Map<String, ProcessInstance.Pending> rest = new LinkedHashMap<>(current.deadlines());
    rest.remove(deadline.name());
    ProcessInstance<S> without = new ProcessInstance<>(current.state(), rest);
    ProcessStep<S> step = dispatcher.deadline(deadline.name(), current.state());
    if (step == null) {
      LogLine.warn("a deadline came due that the process manager has no @DeadlineHandler for; it is dropped")
          .put("processManager", definition.name()).put("deadline", deadline.name()).put("key", deadline.key()).writeTo(log);
      return without;
    }
    String correlationId = pending == null || pending.correlationId() == null ? deadline.id() : pending.correlationId();
    return follow(step, deadline.key(), deadline.id(), correlationId, deadline.due(), without);
  }

  private ProcessInstance<S> follow(ProcessStep<S> first, String key, String trigger, String correlationId, Instant at,
      ProcessInstance<S> current) {
    Map<String, ProcessInstance.Pending> pending = new LinkedHashMap<>(current == null ? Map.of() : current.deadlines());
    List<DeadlineMessage> toSchedule = new ArrayList<>();
    S state = apply(first, key, trigger, correlationId, at, pending, toSchedule);
    Deque<Record> commands = new ArrayDeque<>(first.commands());
    int index = 0;
    while (!commands.isEmpty()) {
      Record command = commands.poll();
      if (index >= MAX_COMMANDS_PER_TRIGGER) {
        throw new IllegalStateException("process manager '" + definition.name() + "' sent more than " + MAX_COMMANDS_PER_TRIGGER
            + " commands for " + trigger + "; its rejection handlers may be sending in a loop");
      }
      if (!definition.sends().contains(command.getClass())) {
        throw new IllegalStateException("process manager '" + definition.name() + "' sent " + command.getClass().getName()
            + ", which its @ProcessManager(sends = ...) does not list; list it there");
      }
      String commandKey = definition.name() + ":" + trigger + ":" + index++;
      DomainException rejection = send(command, commandKey, trigger, correlationId);
      if (rejection == null) {
        continue;
      }
      ProcessStep<S> next = dispatcher.rejected(command, rejection, state);
      if (next == null) {
        LogLine.warn("command rejected; the process manager has no @RejectionHandler for it, so the workflow goes on")
            .put("processManager", definition.name()).put("trigger", trigger).put("command", command.getClass().getSimpleName())
            .put("code", rejection.code()).put("correlationId", correlationId).writeTo(log);
        continue;
      }
      LogLine.info("command rejected; the process manager's rejection handler took it")
          .put("processManager", definition.name()).put("trigger", trigger).put("command", command.getClass().getSimpleName())
          .put("code", rejection.code()).put("correlationId", correlationId).writeTo(log);
      state = apply(next, key, trigger, correlationId, at, pending, toSchedule);
      commands.addAll(next.commands());
    }
    if (state == null) { // the instance ended: so did its deadlines
      pending.clear();
    }
    for (DeadlineMessage deadline : toSchedule) {
      ProcessInstance.Pending still = pending.get(deadline.name());
      if (still != null && still.id().equals(deadline.id())) {
        deadlines.schedule(deadline); // before the state commits: a failure here retries the whole step
      }
    }
    return state == null ? null : new ProcessInstance<>(state, pending);
  }

  /**
   * Takes a step's state and deadlines; its commands are the caller's. A deadline cancelled, set again or ended is only
   * forgotten by the instance: its schedule still runs once (then deletes itself), and its message is dropped as stale.
   * Deleting the schedule here, before the step commits, could lose a deadline the committed instance still holds.
   */
  private S apply(ProcessStep<S> step, String key, String trigger, String correlationId, Instant at,
      Map<String, ProcessInstance.Pending> pending, List<DeadlineMessage> toSchedule) {
    for (String name : step.cancelled()) {
      pending.remove(name);
    }
    for (ProcessStep.Deadline deadline : step.deadlines()) {
      if (!definition.deadlines().contains(deadline.name())) {
        // refused now rather than dropped when due, maybe months later: the step fails, as for a command it may not send
        throw new IllegalStateException("process manager '" + definition.name() + "' set deadline '" + deadline.name()
            + "', which none of its @DeadlineHandlers handles " + definition.deadlines()
            + "; when due it would be dropped. Correct the name, or add @DeadlineHandler(\"" + deadline.name() + "\")");
      }
      String id = UUID.nameUUIDFromBytes((definition.name() + "\n" + key + "\n" + deadline.name() + "\n" + trigger)
          .getBytes(StandardCharsets.UTF_8)).toString();
      ProcessInstance.Pending set = new ProcessInstance.Pending(id, at.plus(deadline.delay()), correlationId);
      pending.put(deadline.name(), set);
      toSchedule.add(message(key, deadline.name(), set));
    }
    return step.state();
  }

  private DeadlineMessage message(String key, String name, ProcessInstance.Pending pending) {
    return new DeadlineMessage(definition.name(), key, name, pending.id(), pending.due());
  }

  /** @return null when the command was sent (now or before), else its rejection */
  private DomainException send(Record command, String commandKey, String trigger, String correlationId) {
    DomainException rejection = rejections.find(commandKey); // rejected when this was handled before: rejected still
    if (rejection != null) {
      return rejection;
    }
    try {
      sender.send(command, new CommandOptions(commandKey, correlationId, trigger, caller));
      return null;
    } catch (DomainException e) {
      rejection = e;
    } catch (StreamNotFoundException e) {
      rejection = new DomainException("stream-not-found", e.getMessage());
    } catch (StreamAlreadyExistsException e) {
      rejection = new DomainException("stream-already-exists", e.getMessage());
    } catch (UniqueValueTakenException e) {
      rejection = new DomainException("unique-value-taken", e.getMessage());
    } catch (InvalidCommandException e) {
      // a value the HTTP API would have refused (400): sent again, it is refused again
      rejection = new DomainException("invalid-command", e.getMessage());
    } catch (EventTooLargeException e) {
      rejection = new DomainException("event-too-large", e.getMessage());
    } catch (UnpublishableEventException e) {
      rejection = new DomainException("unpublishable-event", e.getMessage());
    } catch (IdempotencyKeyReusedException e) {
      // handled again after the instance's state moved on (another stream's event committed in between): the command
      // first sent under this key took effect; deciding it anew would send a second one
      LogLine.warn("a command was decided again differently; the one first sent under its key stands")
          .put("processManager", definition.name()).put("trigger", trigger).put("idempotencyKey", commandKey)
          .put("command", command.getClass().getSimpleName()).put("correlationId", correlationId).writeTo(log);
      return null;
    }
    rejections.record(commandKey, rejection); // before anything is done about it
    return rejection;
  }
}
