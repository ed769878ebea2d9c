package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.Event;

@Event(name = "Deposited", revision = 2)
public record Deposited(String accountId, long cents) {}
