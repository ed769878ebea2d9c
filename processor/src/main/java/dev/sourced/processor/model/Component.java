package dev.sourced.processor.model;

/**
 * One record component.
 *
 * @param name the component name
 * @param type its JSON shape
 * @param aggregateId whether it carries {@code @AggregateId}
 */
public record Component(String name, JsonType type, boolean aggregateId) {

  /** @return whether a JSON document must contain it: everything but Optional components */
  public boolean required() {
    return !(type instanceof JsonType.OptionalOf);
  }
}
