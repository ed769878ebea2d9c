package dev.sourced.samples.bank.accounts;

import dev.sourced.annotations.AggregateId;

/** Closes an empty account; a closed account takes no money. */
public record CloseAccount(@AggregateId String accountId) {}
