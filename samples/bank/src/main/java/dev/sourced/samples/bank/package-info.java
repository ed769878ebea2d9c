/**
 * The bank sample: accounts with overdraft limits ({@code accounts}), money transfers between them run by a process
 * manager with compensation ({@code transfers}), and views of balances and transfers ({@code views}). The steps of a
 * transfer are internal commands: no HTTP route reaches them. Written only against the public annotations.
 */
package dev.sourced.samples.bank;
