package dev.sourced.samples.bank.accounts;

import dev.sourced.annotations.AggregateId;

/** Gives a failed transfer's money back to the paying account. Internal: only the money-transfer process sends it. */
public record RefundTransfer(@AggregateId String accountId, String transferId, long cents) {}
