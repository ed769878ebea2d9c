package dev.sourced.samples.bank.views;

/** Reads one transfer: {@code GET /transfers/{transferId}}. */
public record GetTransfer(String transferId) {}
