package dev.sourced.deployment;

import java.util.Objects;

/** The value of one environment variable of a function: a fixed text, or the name of a deployed resource. */
public sealed interface Setting {
  /** @param value the text, e.g. the application's name */
  record Literal(String value) implements Setting {
    public Literal {
      Objects.requireNonNull(value, "value");
    }
  }

  /** @param resource the resource whose (physical) name the variable holds: a table or the bus */
  record NameOf(Resource resource) implements Setting {
    public NameOf {
      Objects.requireNonNull(resource, "resource");
    }
  }
}
