package dev.sourced.samples.bank.accounts;

/** A failed transfer's money went back to the paying account. */
public record TransferRefunded(String accountId, String transferId, long cents) {}
