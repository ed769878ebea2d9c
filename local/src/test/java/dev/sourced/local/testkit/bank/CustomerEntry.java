package dev.sourced.local.testkit.bank;

public record CustomerEntry(String customerId, String email, String name, boolean active) {}
