package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.AggregateId;

public record Deposit(@AggregateId String accountId, long cents) {}
