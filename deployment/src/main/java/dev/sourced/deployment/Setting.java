package dev.sourced.deployment;

import java.util.Objects;

/** The value of one environment variable of a function: a fixed text, or the name or ARN of a deployed resource. */
public sealed interface Setting {
  /** @return the resource the setting names, or null for a literal */
  default Resource resource() {
    return null;
  }

  /** @param value the text, e.g. the application's name */
  record Literal(String value) implements Setting {
    public Literal {
      Objects.requireNonNull(value, "value");
    }
  }

  /** @param resource the resource whose (physical) name the variable holds: a table or the bus; a queue's URL */
  record NameOf(Resource resource) implements Setting {
    public NameOf {
      Objects.requireNonNull(resource, "resource");
    }
  }

  /**
   * @param resource the resource whose ARN the variable holds: a queue another service sends to for the function
   *     (EventBridge Scheduler targets name queues by ARN, in the deployment's own partition)
   */
  record ArnOf(Resource resource) implements Setting {
    public ArnOf {
      Objects.requireNonNull(resource, "resource");
    }
  }
}
