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
 * @param owner the aggregate (commands) or projection (projection, queries) it serves; null for the publisher
 * @param memoryMb memory in MB
 * @param timeout how long an invocation may run
 * @param environment its environment variables, sorted by name
 * @param grants its permissions, one statement each, in policy order
 * @param trigger what invokes it
 */
public record FunctionSpec(String name, Kind kind, String handler, String owner, int memoryMb, Duration timeout,
    Map<String, Setting> environment, List<Grant> grants, Trigger trigger) {
  /** What a function does. */
  public enum Kind {
    /** An aggregate's commands, behind HTTP routes. */
    COMMANDS,
    /** A projection: applies the events of its queue to its table. */
    PROJECTION,
    /** A projection's queries, behind HTTP routes. */
    QUERIES,
    /** Publishes the event table's stream to the bus. */
    PUBLISHER;

    /** @return {@code commands}, {@code projection}, {@code queries} or {@code publisher} */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public FunctionSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(timeout, "timeout");
    environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
    grants = List.copyOf(grants);
    Objects.requireNonNull(trigger, "trigger");
  }

  /** @return every (action, resource) pair its grants allow */
  public List<Grant.Permission> permissions() {
    List<Grant.Permission> permissions = new ArrayList<>();
    grants.forEach(grant -> permissions.addAll(grant.permissions()));
    return permissions;
  }
}
