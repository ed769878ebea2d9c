package dev.sourced.local.testkit;

import dev.sourced.api.Caller;
import dev.sourced.api.CommandContext;
import dev.sourced.api.DomainException;
import dev.sourced.runtime.command.Decider;
import dev.sourced.runtime.event.Upcasting;
import dev.sourced.spi.AggregateDefinition;
import dev.sourced.spi.SourcedApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Given/when/then tests of an aggregate's command handling, in memory:
 *
 * <pre>{@code
 * AggregateFixture.of(ShoppingCart.class)
 *     .given(new CartOpened("c1", "u1"))
 *     .when(new AddItem("c1", "A", 2))
 *     .expectEvents(new ItemAdded("c1", "A", 2));
 * }</pre>
 *
 * Given events may be of any revision; they are upcast as stored events are. A handler that takes a
 * {@link CommandContext} gets one of {@link Caller#ANONYMOUS} unless the test names the caller:
 *
 * <pre>{@code
 * AggregateFixture.of(ShoppingCart.class)
 *     .givenNoPriorActivity()
 *     .by(Caller.iam("arn:aws:iam::123456789012:user/alice"))
 *     .when(new OpenCart("c1", "u1"))
 *     .expectEvents(new CartOpened("c1", "u1", "arn:aws:iam::123456789012:user/alice"));
 * }</pre>
 *
 * @param <A> the aggregate class
 */
public final class AggregateFixture<A> {
  private final SourcedApplication app;
  private final Decider<A> decider;
  private final Upcasting upcasting;

  private AggregateFixture(SourcedApplication app, AggregateDefinition<A> aggregate) {
    this.app = app;
    this.decider = new Decider<>(aggregate);
    this.upcasting = new Upcasting(app);
  }

  /**
   * @param aggregateType an {@code @Aggregate} class of an application on the class path
   * @return a fixture for it
   */
  public static <A> AggregateFixture<A> of(Class<A> aggregateType) {
    SourcedApplication app = Applications.declaring(aggregateType,
        a -> a.aggregate(aggregateType).isPresent(), "aggregate");
    return of(app, aggregateType);
  }

  /**
   * @param app the generated {@code SourcedApp.INSTANCE}
   * @param aggregateType one of its aggregates
   * @return a fixture for it
   */
  public static <A> AggregateFixture<A> of(SourcedApplication app, Class<A> aggregateType) {
    AggregateDefinition<A> aggregate = app.aggregate(aggregateType).orElseThrow(() ->
        new IllegalArgumentException(app.name() + " declares no @Aggregate " + aggregateType.getName()));
    return new AggregateFixture<>(app, aggregate);
  }

  /** @return the application under test */
  public SourcedApplication application() {
    return app;
  }

  /**
   * @param events the stream's history, oldest first; none for a stream that does not exist
   * @return the "given" stage
   */
  public Given given(Record... events) {
    List<Record> history = new ArrayList<>();
    for (Record event : events) {
      history.add(upcasting.toNewest(Objects.requireNonNull(event, "event")));
    }
    return new Given(history);
  }

  /** @return the "given" stage for a stream without events */
  public Given givenNoPriorActivity() {
    return new Given(List.of());
  }

  /** A stream's history, ready for a command. */
  public final class Given {
    private final List<Record> history;
    private final Caller caller;

    private Given(List<Record> history) {
      this(history, Caller.ANONYMOUS);
    }

    private Given(List<Record> history, Caller caller) {
      this.history = List.copyOf(history);
      this.caller = caller;
    }

    /**
     * @param caller who sends the command, e.g. {@code Caller.jwt("alice", Map.of("email", "alice@example.com"))}
     * @return this stage with that caller
     */
    public Given by(Caller caller) {
      return new Given(history, Objects.requireNonNull(caller, "caller"));
    }

    /**
     * Handles a command against the history, sent by the caller (anonymous unless {@link #by} named one) with a
     * new command id that is also its correlation id, no causation and no idempotency key.
     *
     * @param command the command
     * @return the outcome, to assert on
     */
    public Then when(Record command) {
      String commandId = UUID.randomUUID().toString();
      return when(command, new CommandContext(commandId, commandId, null, null, caller));
    }

    /**
     * Handles a command against the history, sent as {@code context} says.
     *
     * @param command the command
     * @param context its ids and caller, as a handler that takes a {@link CommandContext} gets them
     * @return the outcome, to assert on
     */
    public Then when(Record command, CommandContext context) {
      Objects.requireNonNull(context, "context");
      A state = history.isEmpty() ? null : decider.rehydrate(null, history);
      try {
        List<Record> events = decider.decide(state, command, context);
        return new Then(command, context, events, null, history);
      } catch (RuntimeException e) {
        return new Then(command, context, List.of(), e, history);
      }
    }
  }

  /** The outcome of one command. */
  public final class Then {
    private final Record command;
    private final CommandContext context;
    private final List<Record> events;
    private final RuntimeException failure;
    private final List<Record> history;

    private Then(Record command, CommandContext context, List<Record> events, RuntimeException failure,
        List<Record> history) {
      this.command = command;
      this.context = context;
      this.events = events;
      this.failure = failure;
      this.history = history;
    }

    /** Asserts the command was accepted and decided exactly these events, in order. */
    public Then expectEvents(Record... expected) {
      requireSuccess();
      if (!events.equals(List.of(expected))) {
        throw new AssertionError("command " + command + " decided\n  " + events + "\nbut expected\n  " + List.of(expected));
      }
      return this;
    }

    /** Asserts the command was accepted and decided no events. */
    public Then expectNoEvents() {
      return expectEvents();
    }

    /** Asserts the command was rejected with a {@link DomainException} of this code. */
    public Then expectError(String code) {
      if (!(failure instanceof DomainException domain)) {
        throw new AssertionError("command " + command + " was expected to fail with domain error '" + code + "' but "
            + (failure == null ? "decided " + events : "threw " + failure), failure);
      }
      if (!domain.code().equals(code)) {
        throw new AssertionError("command " + command + " failed with domain error '" + domain.code() + "' ("
            + domain.getMessage() + ") but expected '" + code + "'", failure);
      }
      return this;
    }

    /** Asserts the command failed with an exception of this type (e.g. {@code StreamNotFoundException}). */
    public Then expectException(Class<? extends RuntimeException> type) {
      if (!type.isInstance(failure)) {
        throw new AssertionError("command " + command + " was expected to throw " + type.getSimpleName() + " but "
            + (failure == null ? "decided " + events : "threw " + failure), failure);
      }
      return this;
    }

    /** Asserts on the aggregate after applying the history and the decided events. */
    public Then expectState(Consumer<A> assertion) {
      requireSuccess();
      List<Record> all = new ArrayList<>(history);
      all.addAll(events);
      assertion.accept(decider.rehydrate(null, all));
      return this;
    }

    /** @return how the command was sent: its ids and caller, as the handler got them */
    public CommandContext context() {
      return context;
    }

    /** @return the events decided (empty when the command failed) */
    public List<Record> events() {
      return events;
    }

    private void requireSuccess() {
      if (failure != null) {
        throw new AssertionError("command " + command + " failed: " + failure, failure);
      }
    }
  }
}
