package dev.sourced.samples.bank.accounts;

import dev.sourced.annotations.AggregateId;
import dev.sourced.annotations.Unique;

/**
 * Opens an account with its account number, owner and overdraft limit in cents (0 for none). An account number belongs
 * to one account, for good: a closed account keeps it.
 */
public record OpenAccount(@AggregateId String accountId, @Unique("account-number") String number, String owner,
    long overdraftLimit) {}
