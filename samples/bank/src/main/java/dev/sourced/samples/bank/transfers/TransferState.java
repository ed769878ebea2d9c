package dev.sourced.samples.bank.transfers;

/**
 * Where one transfer's money is: the money-transfer process's state.
 *
 * @param transferId the transfer
 * @param fromAccount the paying account
 * @param toAccount the receiving account
 * @param cents how much
 * @param phase what the process waits for
 * @param reason why it is refunding, else null
 */
public record TransferState(String transferId, String fromAccount, String toAccount, long cents, Phase phase, String reason) {
  /** What the process waits for. */
  public enum Phase {
    /** the paying account's debit */
    DEBITING,
    /** the receiving account's credit */
    CREDITING,
    /** the refund of a credit that was refused */
    REFUNDING
  }

  TransferState in(Phase next) {
    return new TransferState(transferId, fromAccount, toAccount, cents, next, reason);
  }

  TransferState refunding(String why) {
    return new TransferState(transferId, fromAccount, toAccount, cents, Phase.REFUNDING, why);
  }
}
