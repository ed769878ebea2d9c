package dev.sourced.deployment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A Lambda function.
 *
 * @param name its logical name, e.g. {@code cart-summary-projection}
 * @param kind what it does
 * @param handler its handler class
 * @param owner the aggregate (commands), projection (projection, queries) or process manager it serves; null for the
 *     publisher
 * @param memoryMb memory in MB
 * @param timeout how long an invocation may run
 * @param environment its environment variables, sorted by name
 * @param grants its permissions, one statement each, in policy order
 * @param triggers what invokes it: one trigger, but two queues for a projection (its live and its replay queue)
 */
public record FunctionSpec(String name, Kind kind, String handler, String owner, int memoryMb, Duration timeout,
    Map<String, Setting> environment, List<Grant> grants, List<Trigger> triggers) {
  /** What a function does. */
  public enum Kind {
    /** An aggregate's commands, behind HTTP routes. */
    COMMANDS,
    /** A projection: applies the events of its queue to its table. */
    PROJECTION,
    /** A projection's queries, behind HTTP routes. */
    QUERIES,
    /** Publishes the event table's stream to the bus. */
    PUBLISHER,
    /** Reads a projection's events from the event store into its replay queue, for its replay workflow. */
    REPLAY,
    /** A process manager: handles the events of its queue and sends commands in-process. */
    PROCESS_MANAGER;

    /** @return {@code commands}, {@code projection}, {@code queries}, {@code publisher}, {@code replay} or {@code process-manager} */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public FunctionSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(timeout, "timeout");
    environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
    grants = List.copyOf(grants);
    triggers = List.copyOf(triggers);
    if (triggers.isEmpty()) {
      throw new IllegalArgumentException("function " + name + " has no trigger");
    }
  }

  /** @return its first trigger: the only one, or a projection's live queue */
  public Trigger trigger() {
    return triggers.get(0);
  }

  /** @return its triggers of a type, in order */
  public <T extends Trigger> List<T> triggers(Class<T> type) {
    return triggers.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** @return every (action, resource) pair its grants allow */
  public List<Grant.Permission> permissions() {
    List<Grant.Permission> permissions = new ArrayList<>();
    grants.forEach(grant -> permissions.addAll(grant.permissions()));
    return permissions;
  }
}
