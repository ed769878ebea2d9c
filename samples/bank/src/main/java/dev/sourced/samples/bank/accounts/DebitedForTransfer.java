package dev.sourced.samples.bank.accounts;

/** A transfer's money left the paying account. */
public record DebitedForTransfer(String accountId, String transferId, long cents) {}
