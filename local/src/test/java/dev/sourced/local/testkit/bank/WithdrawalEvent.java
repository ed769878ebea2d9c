package dev.sourced.local.testkit.bank;

/** What a withdrawal records: a handler may return several event types through a sealed interface. */
public sealed interface WithdrawalEvent permits Withdrawn, Transferred {}
