package dev.sourced.samples.bank.views;

/**
 * One transfer's outcome.
 *
 * @param transferId the transfer
 * @param fromAccount the paying account
 * @param toAccount the receiving account
 * @param cents how much
 * @param status {@code REQUESTED}, {@code COMPLETED} or {@code FAILED}
 * @param reason why it failed (the code of the refused step), else null
 * @param requestedBy the principal who asked for it
 */
public record TransferView(String transferId, String fromAccount, String toAccount, long cents, String status, String reason,
    String requestedBy) {

  TransferView finished(String newStatus, String why) {
    return new TransferView(transferId, fromAccount, toAccount, cents, newStatus, why, requestedBy);
  }
}
