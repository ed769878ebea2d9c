package dev.sourced.local.testkit.bank;

/** Has no accountId component, so fixtures need its stream given explicitly. */
public record Transferred(String from, long cents) implements WithdrawalEvent {}
