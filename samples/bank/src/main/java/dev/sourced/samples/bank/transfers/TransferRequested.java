package dev.sourced.samples.bank.transfers;

/** A transfer was asked for; the money-transfer process takes it from here. */
public record TransferRequested(String transferId, String fromAccount, String toAccount, long cents) {}
