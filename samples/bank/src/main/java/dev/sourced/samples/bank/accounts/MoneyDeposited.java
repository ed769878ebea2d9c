package dev.sourced.samples.bank.accounts;

/** Money was put into an account. */
public record MoneyDeposited(String accountId, long cents) {}
