package dev.sourced.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * One event record at one revision.
 *
 * @param name the stable event name
 * @param revision its schema revision
 * @param type the record class
 * @param uniqueMoves its {@code @Unique} components, sorted by scope: appending it moves its stream's value of each
 *     scope to the component's value
 * @param uniqueReleases the scopes of its {@code @ReleasesUnique}, sorted: appending it releases its stream's value
 *     of each
 */
public record EventType(String name, int revision, ClassName type, List<UniqueValue> uniqueMoves,
    List<UniqueRelease> uniqueReleases) {
  public EventType {
    uniqueMoves = List.copyOf(uniqueMoves);
    uniqueReleases = List.copyOf(uniqueReleases);
  }

  /** @return whether appending it moves or releases a unique value */
  public boolean changesUniqueValues() {
    return !uniqueMoves.isEmpty() || !uniqueReleases.isEmpty();
  }
}
