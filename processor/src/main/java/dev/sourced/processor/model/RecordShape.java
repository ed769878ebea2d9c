package dev.sourced.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;

/**
 * A record's components, in declaration order; the source of its JSON Schema.
 *
 * @param name the record class
 * @param components its components
 */
public record RecordShape(ClassName name, List<Component> components) {
  public RecordShape {
    components = List.copyOf(components);
  }

  /**
   * @param componentName a component name
   * @return the component, if the record has one of that name
   */
  public Optional<Component> component(String componentName) {
    return components.stream().filter(c -> c.name().equals(componentName)).findFirst();
  }
}
