package dev.sourced.samples.cart.domain;

import java.util.Map;

/**
 * What {@link ShoppingCart} needs to decide, as stored in its snapshots.
 *
 * @param customerId the cart's customer
 * @param items quantity per SKU
 * @param checkedOut whether the cart is checked out
 */
public record CartState(String customerId, Map<String, Integer> items, boolean checkedOut) {}
