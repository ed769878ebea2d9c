package dev.sourced.runtime.store;

import java.util.Objects;

/**
 * How an append changes the value its stream holds in one scope of unique values ({@code @Unique}): the
 * reservation of {@code from} is released and that of {@code to} claimed, in the append's transaction.
 *
 * @param aggregate the aggregate's name; reservations are unique per aggregate and scope
 * @param scope the scope
 * @param from the value the stream holds before the append; {@code null} when it holds none (a new stream)
 * @param to the value it holds after; {@code null} to release {@code from}
 */
public record UniqueChange(String aggregate, String scope, String from, String to) {
  public UniqueChange {
    Objects.requireNonNull(aggregate, "aggregate");
    Objects.requireNonNull(scope, "scope");
    if (Objects.equals(from, to)) {
      throw new IllegalArgumentException("a change of the " + scope + " of " + aggregate + " must change the value");
    }
  }
}
