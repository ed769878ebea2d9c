package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.ReleasesUnique;

/** Frees the customer's email for another customer. */
@ReleasesUnique("email")
public record CustomerLeft(String customerId) {}
