package dev.sourced.samples.cart.domain;

import dev.sourced.annotations.AggregateId;

/** Removes a SKU, whatever its quantity, from an open cart. */
public record RemoveItem(@AggregateId String cartId, String sku) {}
