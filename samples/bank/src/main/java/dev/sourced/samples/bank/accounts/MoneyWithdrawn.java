package dev.sourced.samples.bank.accounts;

/** Money was taken out of an account. */
public record MoneyWithdrawn(String accountId, long cents) {}
