/** The account aggregate: open, deposit, withdraw within the overdraft limit, close; and the steps of transfers. */
package dev.sourced.samples.bank.accounts;
