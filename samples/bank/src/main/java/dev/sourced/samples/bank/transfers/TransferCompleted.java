package dev.sourced.samples.bank.transfers;

/** A transfer's money arrived. */
public record TransferCompleted(String transferId) {}
