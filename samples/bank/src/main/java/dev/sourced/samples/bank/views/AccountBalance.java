package dev.sourced.samples.bank.views;

/**
 * One account at a glance.
 *
 * @param accountId the account
 * @param number its account number
 * @param owner its owner
 * @param cents its balance; negative within the overdraft limit
 * @param closed whether it is closed
 * @param openedBy the principal whose command opened it
 * @param lastChangedBy the principal whose command last changed it: a client's, or {@code process-manager:money-transfer}
 */
public record AccountBalance(String accountId, String number, String owner, long cents, boolean closed, String openedBy,
    String lastChangedBy) {

  AccountBalance plus(long delta, String by) {
    return new AccountBalance(accountId, number, owner, cents + delta, closed, openedBy, by);
  }

  AccountBalance closed(String by) {
    return new AccountBalance(accountId, number, owner, cents, true, openedBy, by);
  }
}
