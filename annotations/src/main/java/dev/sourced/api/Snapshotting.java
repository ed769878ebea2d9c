package dev.sourced.api;

/**
 * Implemented by an aggregate with {@code @Aggregate(snapshotEvery = n)}: it hands out its state as a
 * record and takes it back. A snapshot only shortens loading; the events after it are always applied on
 * top, and a snapshot whose record shape no longer matches is ignored.
 *
 * <pre>{@code
 * @Aggregate(snapshotEvery = 50)
 * public class ShoppingCart implements Snapshotting<CartState> {
 *   public CartState snapshot() { return new CartState(customerId, Map.copyOf(items), checkedOut); }
 *   public void restore(CartState s) { customerId = s.customerId(); items.putAll(s.items()); checkedOut = s.checkedOut(); }
 * }
 * }</pre>
 *
 * @param <S> a public record holding the aggregate's state
 */
public interface Snapshotting<S extends Record> {

  /** @return the aggregate's current state */
  S snapshot();

  /**
   * Sets the state of a new, empty aggregate.
   *
   * @param snapshot a state returned by {@link #snapshot()} earlier
   */
  void restore(S snapshot);
}
