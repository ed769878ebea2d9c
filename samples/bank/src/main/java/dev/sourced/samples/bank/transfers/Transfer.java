package dev.sourced.samples.bank.transfers;

import dev.sourced.annotations.Aggregate;
import dev.sourced.annotations.CommandHandler;
import dev.sourced.annotations.EventSourcingHandler;
import dev.sourced.api.DomainException;

/** A transfer's record: requested, then completed or failed, once. */
@Aggregate
public class Transfer {
  private boolean finished;

  @CommandHandler
  static TransferRequested request(RequestTransfer command) {
    if (command.fromAccount() == null || command.toAccount() == null || command.fromAccount().equals(command.toAccount())) {
      throw new DomainException("invalid-accounts", "a transfer moves money between two different accounts");
    }
    if (command.cents() < 1 || command.cents() > 10_000_000_000L) {
      throw new DomainException("invalid-amount", "an amount is 1 to 10000000000 cents");
    }
    return new TransferRequested(command.transferId(), command.fromAccount(), command.toAccount(), command.cents());
  }

  @CommandHandler(internal = true)
  TransferCompleted complete(CompleteTransfer command) {
    requireOpen();
    return new TransferCompleted(command.transferId());
  }

  @CommandHandler(internal = true)
  TransferFailed fail(FailTransfer command) {
    requireOpen();
    return new TransferFailed(command.transferId(), command.reason());
  }

  private void requireOpen() {
    if (finished) {
      throw new DomainException("transfer-finished", "the transfer has completed or failed already");
    }
  }

  @EventSourcingHandler
  void on(TransferCompleted event) {
    finished = true;
  }

  @EventSourcingHandler
  void on(TransferFailed event) {
    finished = true;
  }
}
