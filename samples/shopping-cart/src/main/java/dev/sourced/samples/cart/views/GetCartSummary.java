package dev.sourced.samples.cart.views;

/** Reads one cart's summary: {@code GET /cart-summary/{cartId}}. */
public record GetCartSummary(String cartId) {}
