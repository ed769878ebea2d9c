package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.AggregateId;

public record ChangeEmail(@AggregateId String customerId, String email) {}
