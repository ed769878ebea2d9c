package dev.sourced.local.testkit.bank;

public record CustomerRegistered(String customerId, String email, String name) {}
