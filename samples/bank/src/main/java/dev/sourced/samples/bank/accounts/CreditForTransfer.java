package dev.sourced.samples.bank.accounts;

import dev.sourced.annotations.AggregateId;

/** Puts a transfer's money into the receiving account. Internal: only the money-transfer process sends it. */
public record CreditForTransfer(@AggregateId String accountId, String transferId, long cents) {}
