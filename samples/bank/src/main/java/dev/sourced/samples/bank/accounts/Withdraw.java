package dev.sourced.samples.bank.accounts;

import dev.sourced.annotations.AggregateId;

/** Takes money out of an account, down to minus its overdraft limit. */
public record Withdraw(@AggregateId String accountId, long cents) {}
