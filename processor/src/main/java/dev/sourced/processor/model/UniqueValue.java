package dev.sourced.processor.model;

/**
 * A String component declared {@code @Unique(scope)}: of a creation command, it claims the value for the new
 * stream; of an event, it moves the stream's value of the scope to it.
 *
 * @param scope the scope, lower-case kebab case
 * @param component the record component's name
 */
public record UniqueValue(String scope, String component) {}
