package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an {@link Aggregate} that applies one of its events to its state. Replaying every
 * event of a stream through these methods rebuilds the aggregate before a command is handled.
 *
 * <p>The processor requires: an instance method (it mutates the aggregate), not private, returning
 * {@code void}, taking the event record as its only parameter, no checked exceptions, at most one
 * handler per event type in the aggregate. Events without a handler are skipped: an aggregate keeps only
 * the state its decisions need.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface EventSourcingHandler {}
