package dev.sourced.processor.model;

/**
 * A scope an event names in {@code @ReleasesUnique}: appending the event releases its stream's value of it.
 *
 * @param scope the scope, lower-case kebab case
 */
public record UniqueRelease(String scope) {}
