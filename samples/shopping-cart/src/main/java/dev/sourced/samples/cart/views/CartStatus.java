package dev.sourced.samples.cart.views;

/** Whether a cart can still change. */
public enum CartStatus {
  OPEN,
  CHECKED_OUT
}
