package dev.sourced.samples.bank.accounts;

/** An account was opened. */
public record AccountOpened(String accountId, String number, String owner, long overdraftLimit) {}
