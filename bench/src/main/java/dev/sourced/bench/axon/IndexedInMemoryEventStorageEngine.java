package dev.sourced.bench.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

/**
 * Axon's in-memory storage engine with an index by aggregate: loading an aggregate reads its own events
 * instead of filtering every event stored, as {@link InMemoryEventStorageEngine} does (which makes each
 * load cost as much as the whole store). This is the fair baseline for Sourced's in-memory store, which is
 * indexed by stream too. Appends still go through Axon's engine (global order, tracking tokens).
 */
public final class IndexedInMemoryEventStorageEngine extends InMemoryEventStorageEngine {
  private final Map<String, List<DomainEventMessage<?>>> byAggregate = new ConcurrentHashMap<>();

  @Override
  public void appendEvents(List<? extends EventMessage<?>> events) {
    super.appendEvents(events);
    for (EventMessage<?> event : events) {
      if (event instanceof DomainEventMessage<?> domain) {
        byAggregate.computeIfAbsent(domain.getAggregateIdentifier(), id -> new ArrayList<>()).add(domain);
      }
    }
  }

  @Override
  public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
    List<DomainEventMessage<?>> events = byAggregate.getOrDefault(aggregateIdentifier, List.of());
    List<DomainEventMessage<?>> from = new ArrayList<>(events.size());
    for (DomainEventMessage<?> event : events) {
      if (event.getSequenceNumber() >= firstSequenceNumber) {
        from.add(event);
      }
    }
    return DomainEventStream.of(from);
  }
}
