package dev.sourced.samples.bank.transfers;

import dev.sourced.annotations.AggregateId;

/** Records that a transfer's money arrived. Internal: only the money-transfer process sends it. */
public record CompleteTransfer(@AggregateId String transferId) {}
