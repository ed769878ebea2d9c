package dev.sourced.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One event record at one revision.
 *
 * @param name the stable event name (the EventBridge detail-type)
 * @param revision the schema revision of {@code type}
 * @param type the record class
 * @param upcaster turns this revision into the next one; {@code null} for the newest revision
 * @param aggregates names of the aggregates that emit it (newest revision only), sorted
 * @param aggregateId reads the aggregate id from an event when the record has a component named like
 *     its aggregate's {@code @AggregateId}; {@code null} otherwise
 */
public record EventDefinition(
    String name,
    int revision,
    Class<? extends Record> type,
    Function<Record, Record> upcaster,
    List<String> aggregates,
    Function<Record, String> aggregateId) {

  public EventDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    aggregates = List.copyOf(aggregates);
  }

  /** @return whether this is the newest revision of the event */
  public boolean newest() {
    return upcaster == null;
  }
}
