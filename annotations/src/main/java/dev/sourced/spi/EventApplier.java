package dev.sourced.spi;

/**
 * Generated per aggregate: creates an empty instance and applies events through its
 * {@code @EventSourcingHandler} methods.
 *
 * @param <A> the aggregate class
 */
public interface EventApplier<A> {

  /** @return a new, empty aggregate (its no-arg constructor) */
  A newInstance();

  /**
   * Applies one event; an event without a handler is skipped.
   *
   * @param aggregate the aggregate
   * @param event an event record of the newest revision
   */
  void apply(A aggregate, Record event);
}
