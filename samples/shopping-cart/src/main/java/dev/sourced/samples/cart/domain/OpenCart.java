package dev.sourced.samples.cart.domain;

import dev.sourced.annotations.AggregateId;

/** Opens a new cart for a customer; the client chooses the cart id. */
public record OpenCart(@AggregateId String cartId, String customerId) {}
