package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Projection} that handles one event type. Three shapes are allowed:
 *
 * <ul>
 *   <li>{@code View on(Event e)} — starts a view (the view key has none yet, or it is replaced);
 *   <li>{@code View on(Event e, View current)} — a pure fold: the current view (or {@code null}) in,
 *       the next view out; returning {@code null} deletes the view;
 *   <li>{@code void on(Event e)} — a reactor: side effects, at-least-once, deduplicated by event id.
 * </ul>
 *
 * An {@link dev.sourced.api.EventMetadata} may follow as the last parameter. The view key is the id of
 * the event's stream, unless {@link ViewKey} names an event component.
 *
 * <p>The processor requires: an instance method, not private, without checked exceptions; the event
 * record first; the state parameter, when present, of exactly the return type; at most one handler per
 * event type in the projection.
 *
 * <p>In a {@link ProcessManager} a handler returns {@code ProcessStep<State>}: {@code ProcessStep<S> on(Event e)}
 * starts (or restarts) an instance, {@code ProcessStep<S> on(Event e, S current)} continues one ({@code current}
 * is {@code null} when the instance has not started or has ended); the instance is the event's
 * {@link AssociationKey}, else its aggregate id.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface EventHandler {}
