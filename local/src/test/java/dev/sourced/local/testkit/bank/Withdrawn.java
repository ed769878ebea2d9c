package dev.sourced.local.testkit.bank;

public record Withdrawn(String accountId, long cents) implements WithdrawalEvent {}
