package dev.sourced.local.testkit.bank;

public record AccountOpened(String accountId, String owner) {}
