package dev.sourced.local.testkit;

import dev.sourced.api.DomainException;
import dev.sourced.api.EventMetadata;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.command.CommandResult;
import dev.sourced.runtime.event.Upcasting;
import dev.sourced.runtime.process.DeadlineMessage;
import dev.sourced.runtime.process.Deadlines;
import dev.sourced.runtime.process.ProcessInstance;
import dev.sourced.runtime.process.ProcessRunner;
import dev.sourced.runtime.process.Rejections;
import dev.sourced.spi.ProcessManagerDefinition;
import dev.sourced.spi.ProcessManagerDispatcher;
import dev.sourced.spi.SourcedApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Given/when/then tests of a process manager, in memory: given events, when an event, expect the commands it sends and
 * the state it keeps.
 *
 * <pre>{@code
 * ProcessManagerFixture.of(MoneyTransfer.class)
 *     .given(new TransferRequested("t1", "a", "b", 100))
 *     .rejecting(CreditForTransfer.class, "account-closed")
 *     .when(new AccountDebited("a", "t1", 100))
 *     .expectCommands(new CreditForTransfer("b", "t1", 100), new RefundTransfer("a", "t1", 100))
 *     .expectState("t1", new Transfer("t1", "a", "b", 100, Phase.REFUNDING));
 * }</pre>
 *
 * Events get the metadata a delivered event would have (see {@link ProjectionFixture}). Each step runs exactly as the
 * deployed engine runs it ({@link ProcessRunner}): the commands are checked against
 * {@code @ProcessManager(sends = ...)}, and a command of a type set with {@link #rejecting} is rejected, so the
 * rejection handler runs and its commands are sent too. Commands are recorded, not executed. Deadlines are recorded
 * too; {@link #whenDeadline} makes one come due.
 *
 * @param <S> the state record
 */
public final class ProcessManagerFixture<S> {
  private final ProcessManagerDefinition<S> definition;
  private final ProcessManagerDispatcher<S> dispatcher;
  private final ProcessRunner<S> runner;
  private final GivenEvents given;
  private final Map<String, ProcessInstance<S>> instances = new HashMap<>();
  private final Map<Class<?>, DomainException> rejecting = new LinkedHashMap<>();
  private final Deadlines.Recorded deadlines = new Deadlines.Recorded();
  private final List<String> log = new ArrayList<>();
  private List<Record> sent = new ArrayList<>();
  private Instant lastAt = ProjectionFixture.START;

  private ProcessManagerFixture(SourcedApplication app, ProcessManagerDefinition<S> definition, ProcessManagerDispatcher<S> dispatcher) {
    this.definition = definition;
    this.dispatcher = dispatcher;
    this.runner = new ProcessRunner<>(definition, dispatcher, this::send, Rejections.inMemory(), deadlines, log::add);
    this.given = new GivenEvents(new Upcasting(app));
  }

  /**
   * @param processManagerType a {@code @ProcessManager} class of an application on the class path
   * @return a fixture for it, dispatching to an instance made with its no-arg constructor
   */
  public static ProcessManagerFixture<?> of(Class<?> processManagerType) {
    SourcedApplication app = Applications.declaring(processManagerType,
        a -> a.processManager(processManagerType).isPresent(), "process manager");
    return of(app, processManagerType);
  }

  /**
   * @param processManagerType a {@code @ProcessManager} class
   * @param stateType its state record class
   * @return a typed fixture for it
   */
  @SuppressWarnings("unchecked")
  public static <S> ProcessManagerFixture<S> of(Class<?> processManagerType, Class<S> stateType) {
    ProcessManagerFixture<?> fixture = of(processManagerType);
    if (!fixture.definition.stateType().equals(stateType)) {
      throw new IllegalArgumentException("process manager " + fixture.definition.name() + " keeps "
          + fixture.definition.stateType().getName() + " states, not " + stateType.getName());
    }
    return (ProcessManagerFixture<S>) fixture;
  }

  /**
   * @param app the generated {@code SourcedApp.INSTANCE}
   * @param processManagerType one of its process managers
   * @return a fixture for it
   */
  public static ProcessManagerFixture<?> of(SourcedApplication app, Class<?> processManagerType) {
    ProcessManagerDefinition<?> definition = definition(app, processManagerType);
    return create(app, definition, definition.dispatcher());
  }

  /**
   * @param app the generated {@code SourcedApp.INSTANCE}
   * @param processManager an instance, e.g. one with test doubles for its dependencies, or of a subclass that overrides a
   *     handler
   * @return a fixture dispatching to that instance
   */
  public static ProcessManagerFixture<?> of(SourcedApplication app, Object processManager) {
    ProcessManagerDefinition<?> definition = app.processManager(processManager.getClass())
        .or(() -> app.processManagers().stream().filter(p -> p.type().isInstance(processManager)).findFirst())
        .orElseGet(() -> definition(app, processManager.getClass()));
    return create(app, definition, definition.dispatcherFor(processManager));
  }

  @SuppressWarnings("unchecked")
  private static <S> ProcessManagerFixture<S> create(SourcedApplication app, ProcessManagerDefinition<S> definition,
      ProcessManagerDispatcher<?> dispatcher) {
    return new ProcessManagerFixture<>(app, definition, (ProcessManagerDispatcher<S>) dispatcher);
  }

  private static ProcessManagerDefinition<?> definition(SourcedApplication app, Class<?> type) {
    return app.processManager(type).orElseThrow(() ->
        new IllegalArgumentException(app.name() + " declares no @ProcessManager " + type.getName()));
  }

  /**
   * Sets who sent the commands of the events given after this call.
   *
   * @param principal e.g. {@code arn:aws:iam::123456789012:user/alice}
   * @return this fixture
   */
  public ProcessManagerFixture<S> by(String principal) {
    given.by(principal);
    return this;
  }

  /**
   * Makes the aggregates reject every command of a type sent from now on, as a {@link DomainException} would.
   *
   * @param commandType a command record type the process manager sends
   * @param code the rejection's code, e.g. {@code account-closed}
   * @return this fixture
   */
  public ProcessManagerFixture<S> rejecting(Class<? extends Record> commandType, String code) {
    rejecting.put(commandType, new DomainException(code, "rejected by the test fixture"));
    return this;
  }

  /**
   * Handles events, each on the stream read from it; the commands they send are not expected.
   *
   * @param events events of any revision, in order
   * @return this fixture
   */
  public ProcessManagerFixture<S> given(Record... events) {
    for (Record event : events) {
      Record newest = given.newest(event);
      handle(given.streamOf(newest), newest);
    }
    sent = new ArrayList<>();
    return this;
  }

  /**
   * Handles events of one stream whose id cannot be read from them; the commands they send are not expected.
   *
   * @param streamId e.g. {@code account#a1}
   * @param events events of any revision, in order
   * @return this fixture
   */
  public ProcessManagerFixture<S> givenStream(String streamId, Record... events) {
    for (Record event : events) {
      handle(streamId, given.newest(event));
    }
    sent = new ArrayList<>();
    return this;
  }

  /**
   * Handles an event; {@link #expectCommands} then checks what it sent.
   *
   * @param event an event of any revision
   * @return this fixture
   */
  public ProcessManagerFixture<S> when(Record event) {
    sent = new ArrayList<>();
    Record newest = given.newest(event);
    handle(given.streamOf(newest), newest);
    return this;
  }

  /**
   * Handles an event of a stream whose id cannot be read from it.
   *
   * @param streamId e.g. {@code account#a1}
   * @param event an event of any revision
   * @return this fixture
   */
  public ProcessManagerFixture<S> whenStream(String streamId, Record event) {
    sent = new ArrayList<>();
    handle(streamId, given.newest(event));
    return this;
  }

  private void handle(String streamId, Record event) {
    if (!dispatcher.handles(event)) {
      return; // not in its rule: it would never be delivered
    }
    EventMetadata metadata = given.next(streamId, event);
    lastAt = metadata.timestamp();
    String key = dispatcher.associationKey(event, metadata);
    put(key, runner.onEvent(event, metadata, instances.get(key)));
  }

  /** Keeps an instance as a step left it. */
  private void put(String key, ProcessInstance<S> instance) {
    if (instance == null) {
      instances.remove(key);
    } else {
      instances.put(key, instance);
    }
  }

  /**
   * Makes a deadline of an instance come due, as its schedule would; {@link #expectCommands} then checks what its
   * handler sent.
   *
   * @param associationKey the instance
   * @param name the deadline's name
   * @return this fixture
   * @throws AssertionError when the instance holds no such deadline
   */
  public ProcessManagerFixture<S> whenDeadline(String associationKey, String name) {
    sent = new ArrayList<>();
    ProcessInstance<S> instance = instances.get(associationKey);
    ProcessInstance.Pending pending = instance == null ? null : instance.deadlines().get(name);
    if (pending == null) {
      throw new AssertionError("process manager " + definition.name() + " instance '" + associationKey + "' has no deadline '"
          + name + "'; it has " + (instance == null ? "no instance" : instance.deadlines().keySet()));
    }
    lastAt = pending.due();
    put(associationKey, runner.onDeadline(new DeadlineMessage(definition.name(), associationKey, name, pending.id(), pending.due()),
        instance));
    return this;
  }

  /** @return the deadlines an instance holds: name → when due */
  public Map<String, Instant> deadlines(String associationKey) {
    ProcessInstance<S> instance = instances.get(associationKey);
    Map<String, Instant> due = new LinkedHashMap<>();
    if (instance != null) {
      instance.deadlines().forEach((name, pending) -> due.put(name, pending.due()));
    }
    return due;
  }

  /**
   * Asserts an instance holds a deadline due {@code delay} after the last event (or deadline) the fixture handled.
   *
   * @param associationKey the instance
   * @param name the deadline's name
   * @param delay the delay the step gave
   * @return this fixture
   */
  public ProcessManagerFixture<S> expectDeadline(String associationKey, String name, Duration delay) {
    ProcessInstance<S> instance = instances.get(associationKey);
    ProcessInstance.Pending pending = instance == null ? null : instance.deadlines().get(name);
    if (pending == null) {
      throw new AssertionError("process manager " + definition.name() + " instance '" + associationKey + "' has no deadline '"
          + name + "'; it has " + deadlines(associationKey).keySet());
    }
    if (!pending.due().equals(lastAt.plus(delay))) {
      throw new AssertionError("deadline '" + name + "' of instance '" + associationKey + "' is due " + pending.due() + ", "
          + Duration.between(lastAt, pending.due()) + " after the last event handled, not " + delay);
    }
    return this;
  }

  /** Asserts an instance holds no deadline of that name. */
  public ProcessManagerFixture<S> expectNoDeadline(String associationKey, String name) {
    if (deadlines(associationKey).containsKey(name)) {
      throw new AssertionError("process manager " + definition.name() + " instance '" + associationKey + "' still has deadline '"
          + name + "', due " + deadlines(associationKey).get(name));
    }
    return this;
  }

  private CommandResult send(Record command, CommandOptions options) {
    sent.add(command);
    DomainException rejection = rejecting.get(command.getClass());
    if (rejection != null) {
      throw rejection;
    }
    return new CommandResult("fixture#" + command.getClass().getSimpleName(), 0, List.of(), false, false, options.idempotencyKey());
  }

  /** @return the commands the last {@code when} sent, rejected ones included, in order */
  public List<Record> commands() {
    return List.copyOf(sent);
  }

  /** Asserts the last {@code when} sent exactly these commands, in this order (rejected ones included). */
  public ProcessManagerFixture<S> expectCommands(Record... expected) {
    if (!sent.equals(List.of(expected))) {
      throw new AssertionError("process manager " + definition.name() + " sent\n  " + sent + "\nbut expected\n  " + List.of(expected));
    }
    return this;
  }

  /** Asserts the last {@code when} sent nothing. */
  public ProcessManagerFixture<S> expectNoCommands() {
    return expectCommands();
  }

  /** @return the state of an instance, if it has one */
  public Optional<S> state(String associationKey) {
    return Optional.ofNullable(instances.get(associationKey)).map(ProcessInstance::state);
  }

  /** Asserts an instance's state equals the expected one. */
  public ProcessManagerFixture<S> expectState(String associationKey, S expected) {
    S actual = state(associationKey).orElse(null);
    if (actual == null) {
      throw new AssertionError("process manager " + definition.name() + " has no instance '" + associationKey + "'; it has "
          + instances.keySet());
    }
    if (!actual.equals(Objects.requireNonNull(expected, "expected"))) {
      throw new AssertionError("process manager " + definition.name() + " instance '" + associationKey + "' is\n  " + actual
          + "\nbut expected\n  " + expected);
    }
    return this;
  }

  /** Asserts an instance has ended, or never started. */
  public ProcessManagerFixture<S> expectEnded(String associationKey) {
    if (instances.containsKey(associationKey)) {
      throw new AssertionError("process manager " + definition.name() + " instance '" + associationKey + "' goes on: "
          + instances.get(associationKey).state());
    }
    return this;
  }

  /** @return the JSON log lines its steps wrote (rejections without a handler, for instance) */
  public List<String> log() {
    return List.copyOf(log);
  }
}
