package dev.sourced.samples.bank.accounts;

import dev.sourced.annotations.AggregateId;

/** Puts money into an account. */
public record Deposit(@AggregateId String accountId, long cents) {}
