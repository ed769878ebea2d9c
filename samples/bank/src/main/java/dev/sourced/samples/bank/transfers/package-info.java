/**
 * Money transfers: the transfer aggregate records a request and its outcome; the money-transfer process manager moves
 * the money between the accounts (debit, then credit), refunding the payer when the credit is refused.
 */
package dev.sourced.samples.bank.transfers;
