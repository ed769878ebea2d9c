package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.AggregateId;

public record Withdraw(@AggregateId String accountId, long cents) {}
