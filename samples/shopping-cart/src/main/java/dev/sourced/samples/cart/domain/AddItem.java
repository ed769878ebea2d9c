package dev.sourced.samples.cart.domain;

import dev.sourced.annotations.AggregateId;

/** Adds 1..99 units of a SKU to an open cart. */
public record AddItem(@AggregateId String cartId, String sku, int quantity) {}
