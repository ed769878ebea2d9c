package dev.sourced.samples.cart.domain;

/** A cart was checked out. Carries the customer so views keyed by customer need no lookup. */
public record CartCheckedOut(String cartId, String customerId) {}
