package dev.sourced.samples.bank.transfers;

import dev.sourced.annotations.AggregateId;

/** Asks to move money from one account to another; the client chooses the transfer id. */
public record RequestTransfer(@AggregateId String transferId, String fromAccount, String toAccount, long cents) {}
