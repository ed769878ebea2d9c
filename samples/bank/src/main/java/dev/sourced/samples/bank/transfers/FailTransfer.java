package dev.sourced.samples.bank.transfers;

import dev.sourced.annotations.AggregateId;

/** Records that a transfer failed, and why. Internal: only the money-transfer process sends it. */
public record FailTransfer(@AggregateId String transferId, String reason) {}
