package dev.sourced.samples.bank.views;

/** Reads one account's balance: {@code GET /balances/{accountId}}. */
public record GetBalance(String accountId) {}
