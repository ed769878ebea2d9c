package dev.sourced.samples.cart.domain;

/** A SKU was removed from a cart, with all its units. */
public record ItemRemoved(String cartId, String sku) {}
