package dev.sourced.runtime.command;

import dev.sourced.api.CommandContext;
import dev.sourced.runtime.StreamAlreadyExistsException;
import dev.sourced.runtime.StreamNotFoundException;
import dev.sourced.spi.AggregateDefinition;
import java.util.List;
import java.util.Objects;

/**
 * Decides events for one aggregate type.
 *
 * @param <A> the aggregate class
 */
public final class Decider<A> {
  private final AggregateDefinition<A> aggregate;

  public Decider(AggregateDefinition<A> aggregate) {
    this.aggregate = Objects.requireNonNull(aggregate, "aggregate");
  }

  /** @return the aggregate this decider serves */
  public AggregateDefinition<A> aggregate() {
    return aggregate;
  }

  /**
   * Rebuilds the aggregate by applying events, newest revision, in stream order.
   *
   * @param start an aggregate to continue from (a snapshot), or {@code null} to start empty
   * @param events the events after {@code start}
   * @return the aggregate
   */
  public A rehydrate(A start, Iterable<? extends Record> events) {
    A state = start == null ? aggregate.applier().newInstance() : start;
    for (Record event : events) {
      aggregate.applier().apply(state, event);
    }
    return state;
  }

  /**
   * Decides the events for a command.
   *
   * @param state the aggregate rebuilt from its stream, or {@code null} when the stream has no events
   * @param command the command
   * @param context how it was sent, for a handler that takes it
   * @return the events to append, possibly none
   * @throws StreamAlreadyExistsException for a creation command on an existing stream
   * @throws StreamNotFoundException for any other command on a missing stream
   * @throws dev.sourced.api.DomainException when the handler rejects the command
   */
  public List<Record> decide(A state, Record command, CommandContext context) {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(context, "context");
    String streamId = aggregate.streamId(aggregate.dispatcher().aggregateId(command));
    boolean creation = aggregate.dispatcher().isCreation(command);
    if (creation && state != null) {
      throw new StreamAlreadyExistsException(streamId, command.getClass().getSimpleName());
    }
    if (!creation && state == null) {
      throw new StreamNotFoundException(streamId, command.getClass().getSimpleName());
    }
    return aggregate.dispatcher().dispatch(state, command, context);
  }

  /**
   * @param command a command of this aggregate
   * @return its stream id
   */
  public String streamId(Record command) {
    return aggregate.streamId(aggregate.dispatcher().aggregateId(command));
  }
}
