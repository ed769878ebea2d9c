/** Read models: each account's balance ({@code balances}) and each transfer's outcome ({@code transfers}). */
package dev.sourced.samples.bank.views;
