package dev.sourced.samples.cart.views;

import java.util.List;
import java.util.TreeSet;

/**
 * The open carts of one customer.
 *
 * @param customerId the customer
 * @param openCartIds ids of their open carts, sorted
 */
public record CustomerCarts(String customerId, List<String> openCartIds) {
  public CustomerCarts {
    openCartIds = List.copyOf(new TreeSet<>(openCartIds));
  }

  CustomerCarts with(String cartId) {
    TreeSet<String> ids = new TreeSet<>(openCartIds);
    ids.add(cartId);
    return new CustomerCarts(customerId, List.copyOf(ids));
  }

  CustomerCarts without(String cartId) {
    TreeSet<String> ids = new TreeSet<>(openCartIds);
    ids.remove(cartId);
    return new CustomerCarts(customerId, List.copyOf(ids));
  }
}
