package dev.sourced.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * One projection.
 *
 * @param name its kebab-case name
 * @param version its version
 * @param type the user's class
 * @param viewType the view record, {@code null} for a pure reactor
 * @param handlers sorted by event class
 */
public record ProjectionModel(
    String name, int version, ClassName type, ClassName viewType, List<EventHandlerMethod> handlers) {
  public ProjectionModel {
    handlers = List.copyOf(handlers);
  }
}
