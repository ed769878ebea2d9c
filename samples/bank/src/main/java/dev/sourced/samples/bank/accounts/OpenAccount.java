package dev.sourced.samples.bank.accounts;

import dev.sourced.annotations.AggregateId;

/** Opens an account with its account number, owner and overdraft limit in cents (0 for none). */
public record OpenAccount(@AggregateId String accountId, String number, String owner, long overdraftLimit) {}
