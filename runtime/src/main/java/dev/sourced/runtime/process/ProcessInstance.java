package dev.sourced.runtime.process;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a process manager's state table keeps per instance: the handlers' state and the deadlines set on it. Stored as
 * {@code {"state": {...}, "deadlines": {"<name>": {"id", "due", "correlationId"}}}}.
 *
 * @param state the state record
 * @param deadlines the deadlines set and not yet come due, by name
 * @param <S> the state record
 */
public record ProcessInstance<S>(S state, Map<String, Pending> deadlines) {
  public ProcessInstance {
    Objects.requireNonNull(state, "state");
    deadlines = java.util.Collections.unmodifiableMap(new TreeMap<>(deadlines));
  }

  /**
   * A deadline set on an instance.
   *
   * @param id its id: the name of its schedule, and what its message carries; a message of another id is stale
   * @param due when it comes due
   * @param correlationId the correlation of the event whose step set it, which the commands its step sends carry
   */
  public record Pending(String id, Instant due, String correlationId) {
    public Pending {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(due, "due");
    }
  }

  /** @return the state of an instance, or null for none */
  static <S> S stateOf(ProcessInstance<S> instance) {
    return instance == null ? null : instance.state();
  }
}
