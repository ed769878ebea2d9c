package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.AggregateId;

public record OpenAccount(@AggregateId String accountId, String owner) {}
