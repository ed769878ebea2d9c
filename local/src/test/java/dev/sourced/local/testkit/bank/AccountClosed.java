package dev.sourced.local.testkit.bank;

/** Who closed the account: the caller's principal and the e-mail claim of their token, if any. */
public record AccountClosed(String accountId, String closedBy, String email) {}
