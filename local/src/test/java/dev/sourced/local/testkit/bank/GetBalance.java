package dev.sourced.local.testkit.bank;

public record GetBalance(String accountId) {}
