package dev.sourced.samples.bank.transfers;

/** A transfer failed; no money moved in the end. The reason is the code of the rejection that stopped it. */
public record TransferFailed(String transferId, String reason) {}
