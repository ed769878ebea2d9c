package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.AggregateId;
import dev.sourced.annotations.Unique;

/** No two customers of the bank share an email address. */
public record RegisterCustomer(@AggregateId String customerId, @Unique("email") String email, String name) {}
