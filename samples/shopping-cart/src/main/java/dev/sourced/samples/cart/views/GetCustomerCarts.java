package dev.sourced.samples.cart.views;

/** Reads a customer's open carts: {@code GET /customer-carts/{customerId}}. */
public record GetCustomerCarts(String customerId) {}
