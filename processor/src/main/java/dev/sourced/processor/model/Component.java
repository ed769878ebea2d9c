package dev.sourced.processor.model;


import com.palantir.javapoet.TypeName;

/**
 * One record component.
 *
 * @param name the component name
 * @param type its JSON shape
 * @param javaType its Java type
 * @param aggregateId whether it carries {@code @AggregateId}
 */
public record Component(String name, JsonType type, TypeName javaType, boolean aggregateId) {

  /** @return whether a JSON document must contain it: everything but Optional components */
  public boolean required() {
    return !(type instanceof JsonType.OptionalOf);
  }
}
