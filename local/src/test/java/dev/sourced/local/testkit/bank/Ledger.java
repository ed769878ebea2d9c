package dev.sourced.local.testkit.bank;

public record Ledger(String accountId, long entries, long cents) {}
