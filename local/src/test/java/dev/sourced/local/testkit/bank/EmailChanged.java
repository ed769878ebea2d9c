package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.Unique;

/** Moves the customer's reservation of its email to the new one. */
public record EmailChanged(String customerId, @Unique("email") String email) {}
