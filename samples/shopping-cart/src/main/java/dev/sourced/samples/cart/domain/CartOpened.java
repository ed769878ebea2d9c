package dev.sourced.samples.cart.domain;

/** A cart was opened for a customer. */
public record CartOpened(String cartId, String customerId) {}
