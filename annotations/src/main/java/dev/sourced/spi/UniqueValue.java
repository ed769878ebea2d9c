package dev.sourced.spi;

import java.util.Objects;
import java.util.function.Function;

/**
 * A String component of a command or event record declared {@code @Unique(scope)}: a creation command's claims the
 * value for its new stream; an event's moves the stream's value of the scope to it ({@code null} releases it).
 *
 * @param scope the scope, lower-case kebab case
 * @param component the record component's name, e.g. {@code email}
 * @param reader reads the component from a record of the declaring type
 */
public record UniqueValue(String scope, String component, Function<Record, String> reader) {
  public UniqueValue {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(reader, "reader");
  }

  /**
   * @param record a record of the type declaring the component
   * @return the component's value
   */
  public String of(Record record) {
    return reader.apply(record);
  }
}
