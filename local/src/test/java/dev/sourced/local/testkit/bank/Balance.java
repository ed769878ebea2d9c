package dev.sourced.local.testkit.bank;

public record Balance(String accountId, long cents, long version) {}
