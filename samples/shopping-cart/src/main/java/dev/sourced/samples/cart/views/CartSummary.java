package dev.sourced.samples.cart.views;

import java.util.Map;
import java.util.TreeMap;

/**
 * One cart at a glance.
 *
 * @param cartId the cart
 * @param customerId its customer
 * @param status open or checked out
 * @param items quantity per SKU, sorted by SKU
 * @param distinctItems how many different SKUs
 * @param totalQuantity units across all SKUs
 * @param openedBy who opened the cart: the principal of the caller whose command opened it (an IAM ARN, a JWT
 *     subject); null for a cart opened before principals were recorded
 */
public record CartSummary(
    String cartId, String customerId, CartStatus status, Map<String, Integer> items, int distinctItems,
    int totalQuantity, String openedBy) {

  public CartSummary {
    items = java.util.Collections.unmodifiableMap(new TreeMap<>(items));
  }

  static CartSummary opened(String cartId, String customerId, String openedBy) {
    return new CartSummary(cartId, customerId, CartStatus.OPEN, Map.of(), 0, 0, openedBy);
  }

  CartSummary withItems(Map<String, Integer> newItems) {
    int total = newItems.values().stream().mapToInt(Integer::intValue).sum();
    return new CartSummary(cartId, customerId, status, newItems, newItems.size(), total, openedBy);
  }

  CartSummary withStatus(CartStatus newStatus) {
    return new CartSummary(cartId, customerId, newStatus, items, distinctItems, totalQuantity, openedBy);
  }
}
