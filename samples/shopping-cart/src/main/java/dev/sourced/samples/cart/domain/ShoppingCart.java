package dev.sourced.samples.cart.domain;

import dev.sourced.annotations.Aggregate;
import dev.sourced.annotations.CommandHandler;
import dev.sourced.annotations.EventSourcingHandler;
import dev.sourced.api.DomainException;
import dev.sourced.api.Snapshotting;
import java.util.HashMap;
import java.util.Map;

/**
 * A customer's shopping cart: open, add and remove items, check out once. A cart's commands come from one customer, one
 * after another, so a container keeps the last 1,000 carts it served and decides on them without reading their streams
 * (one write per command; a cart another container changed since costs a failed write and a read).
 */
@Aggregate(snapshotEvery = 50, cachedStreams = 1000)
public class ShoppingCart implements Snapshotting<CartState> {
  static final int MAX_QUANTITY = 99;

  private String customerId;
  private final Map<String, Integer> items = new HashMap<>();
  private boolean checkedOut;

  @CommandHandler
  static CartOpened open(OpenCart command) {
    return new CartOpened(command.cartId(), command.customerId());
  }

  @CommandHandler
  ItemAdded add(AddItem command) {
    requireOpen();
    if (command.quantity() < 1 || command.quantity() > MAX_QUANTITY) {
      throw new DomainException("invalid-quantity",
          "quantity must be between 1 and " + MAX_QUANTITY + "; found " + command.quantity());
    }
    return new ItemAdded(command.cartId(), command.sku(), command.quantity());
  }

  @CommandHandler
  ItemRemoved remove(RemoveItem command) {
    requireOpen();
    if (!items.containsKey(command.sku())) {
      throw new DomainException("item-not-in-cart", "SKU " + command.sku() + " is not in the cart");
    }
    return new ItemRemoved(command.cartId(), command.sku());
  }

  @CommandHandler
  CartCheckedOut checkOut(CheckOut command) {
    requireOpen();
    if (items.isEmpty()) {
      throw new DomainException("empty-cart", "an empty cart cannot be checked out");
    }
    return new CartCheckedOut(command.cartId(), customerId);
  }

  @EventSourcingHandler
  void on(CartOpened event) {
    customerId = event.customerId();
  }

  @EventSourcingHandler
  void on(ItemAdded event) {
    items.merge(event.sku(), event.quantity(), Integer::sum);
  }

  @EventSourcingHandler
  void on(ItemRemoved event) {
    items.remove(event.sku());
  }

  @EventSourcingHandler
  void on(CartCheckedOut event) {
    checkedOut = true;
  }

  @Override
  public CartState snapshot() {
    return new CartState(customerId, Map.copyOf(items), checkedOut);
  }

  @Override
  public void restore(CartState state) {
    customerId = state.customerId();
    items.putAll(state.items());
    checkedOut = state.checkedOut();
  }

  private void requireOpen() {
    if (checkedOut) {
      throw new DomainException("cart-checked-out", "the cart is already checked out");
    }
  }
}
