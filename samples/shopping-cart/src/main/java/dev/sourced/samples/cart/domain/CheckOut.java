package dev.sourced.samples.cart.domain;

import dev.sourced.annotations.AggregateId;

/** Checks out a non-empty, open cart. */
public record CheckOut(@AggregateId String cartId) {}
