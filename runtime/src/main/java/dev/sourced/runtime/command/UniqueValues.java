package dev.sourced.runtime.command;

import dev.sourced.runtime.InvalidCommandException;
import dev.sourced.runtime.KeyLimits;
import dev.sourced.runtime.UnpublishableEventException;
import dev.sourced.runtime.json.Json;
import dev.sourced.runtime.store.EventStore;
import dev.sourced.runtime.store.UniqueChange;
import dev.sourced.spi.AggregateDefinition;
import dev.sourced.spi.CommandDefinition;
import dev.sourced.spi.EventDefinition;
import dev.sourced.spi.UniqueValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which unique values ({@code @Unique}) an append claims, moves and releases: a creation command claims the values
 * of its {@code @Unique} components; then each event, in order, moves a scope to the value of its {@code @Unique}
 * component ({@code null} releases it) or releases the scopes of its {@code @ReleasesUnique}. Only the net effect
 * per scope is written: a value moved to and away again in one command is never reserved. The value a stream holds
 * before a non-creation command is read from the store, and only when one of its events touches a scope.
 */
final class UniqueValues {
  private final AggregateDefinition<?> aggregate;
  private final EventStore store;

  UniqueValues(AggregateDefinition<?> aggregate, EventStore store) {
    this.aggregate = aggregate;
    this.store = store;
  }

  /**
   * Checks the values a command claims before it is handled, as a request's other values are.
   *
   * @param command a command of the aggregate
   * @throws InvalidCommandException naming the component when a value cannot be claimed (empty, not valid text,
   *     too long for its reservation's key)
   */
  void checkClaims(Record command) {
    for (UniqueValue claim : aggregate.command(command.getClass()).unique()) {
      String problem = KeyLimits.uniqueValueProblem(aggregate.name(), claim.scope(), claim.of(command));
      if (problem != null) {
        throw new InvalidCommandException(command.getClass().getSimpleName(), Json.child("$", claim.component()), problem);
      }
    }
  }

  /**
   * @param streamId the stream appended to
   * @param command the command
   * @param creation whether it starts the stream
   * @param events the events decided
   * @param definitions their definitions, in the same order
   * @return the changes of the stream's unique values, sorted by scope; empty when the append changes none
   * @throws UnpublishableEventException when an event's value cannot be claimed
   */
  List<UniqueChange> changes(String streamId, Record command, boolean creation, List<Record> events,
      List<EventDefinition> definitions) {
    Map<String, String> after = new TreeMap<>(); // scope → the value the stream holds after the append, null for none
    if (creation && !events.isEmpty()) { // a creation that decides nothing creates nothing, and claims nothing
      for (UniqueValue claim : aggregate.command(command.getClass()).unique()) {
        after.put(claim.scope(), claim.of(command)); // checked before deciding
      }
    }
    for (int i = 0; i < events.size(); i++) {
      EventDefinition definition = definitions.get(i);
      for (UniqueValue move : definition.uniqueMoves()) {
        String value = move.of(events.get(i));
        String problem = value == null ? null : KeyLimits.uniqueValueProblem(aggregate.name(), move.scope(), value);
        if (problem != null) {
          throw new UnpublishableEventException(definition.name(), Json.child("$", move.component()), problem, value);
        }
        after.put(move.scope(), value);
      }
      definition.uniqueReleases().forEach(scope -> after.put(scope, null));
    }
    List<UniqueChange> changes = new ArrayList<>(after.size());
    for (Map.Entry<String, String> scope : after.entrySet()) {
      String before = creation ? null : store.uniqueValue(streamId, scope.getKey()).orElse(null);
      if (!Objects.equals(before, scope.getValue())) {
        changes.add(new UniqueChange(aggregate.name(), scope.getKey(), before, scope.getValue()));
      }
    }
    return changes;
  }
}
