package dev.sourced.local.testkit.bank;

import java.util.Optional;

/** Lists balances a page at a time: {@code GET /balances?limit=10&cursor=…}. */
public record ListBalances(int limit, Optional<String> cursor) {}
