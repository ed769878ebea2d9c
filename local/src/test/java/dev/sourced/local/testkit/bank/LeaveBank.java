package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.AggregateId;

public record LeaveBank(@AggregateId String customerId) {}
