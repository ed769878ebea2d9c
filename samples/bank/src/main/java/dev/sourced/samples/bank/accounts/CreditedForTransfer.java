package dev.sourced.samples.bank.accounts;

/** A transfer's money arrived in the receiving account. */
public record CreditedForTransfer(String accountId, String transferId, long cents) {}
