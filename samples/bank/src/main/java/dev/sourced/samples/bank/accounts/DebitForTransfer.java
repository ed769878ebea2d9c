package dev.sourced.samples.bank.accounts;

import dev.sourced.annotations.AggregateId;

/** Takes a transfer's money out of the paying account. Internal: only the money-transfer process sends it. */
public record DebitForTransfer(@AggregateId String accountId, String transferId, long cents) {}
