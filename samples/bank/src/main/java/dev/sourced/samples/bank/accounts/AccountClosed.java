package dev.sourced.samples.bank.accounts;

/** An account was closed. */
public record AccountClosed(String accountId) {}
