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
 * @param uniqueMoves the components declared {@code @Unique}: appending the event moves its stream's value of each
 *     scope to the component's value ({@code null} releases it); sorted by scope, empty for none
 * @param uniqueReleases the scopes of {@code @ReleasesUnique}: appending the event releases its stream's value of
 *     each; sorted, empty for none
 */
public record EventDefinition(
    String name,
    int revision,
    Class<? extends Record> type,
    Function<Record, Record> upcaster,
    List<String> aggregates,
    Function<Record, String> aggregateId,
    List<UniqueValue> uniqueMoves,
    List<String> uniqueReleases) {

  public EventDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    aggregates = List.copyOf(aggregates);
    uniqueMoves = List.copyOf(uniqueMoves);
    uniqueReleases = List.copyOf(uniqueReleases);
  }

  /** An event that moves and releases no unique value. */
  public EventDefinition(String name, int revision, Class<? extends Record> type, Function<Record, Record> upcaster,
      List<String> aggregates, Function<Record, String> aggregateId) {
    this(name, revision, type, upcaster, aggregates, aggregateId, List.of(), List.of());
  }

  /** @return whether this is the newest revision of the event */
  public boolean newest() {
    return upcaster == null;
  }
}
