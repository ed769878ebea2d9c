package dev.sourced.samples.bank.transfers;

import dev.sourced.annotations.AssociationKey;
import dev.sourced.annotations.EventHandler;
import dev.sourced.annotations.ProcessManager;
import dev.sourced.annotations.RejectionHandler;
import dev.sourced.api.DomainException;
import dev.sourced.api.ProcessStep;
import dev.sourced.samples.bank.accounts.CreditForTransfer;
import dev.sourced.samples.bank.accounts.CreditedForTransfer;
import dev.sourced.samples.bank.accounts.DebitForTransfer;
import dev.sourced.samples.bank.accounts.DebitedForTransfer;
import dev.sourced.samples.bank.accounts.RefundTransfer;
import dev.sourced.samples.bank.accounts.TransferRefunded;

/**
 * Moves a transfer's money: debit the payer; when that is done, credit the payee; when that is done, complete the
 * transfer. A refused debit fails the transfer. A refused credit refunds the payer, then fails the transfer. Each step
 * is an internal command, sent once per event however often the event is delivered.
 */
@ProcessManager(name = "money-transfer",
    sends = {DebitForTransfer.class, CreditForTransfer.class, RefundTransfer.class, CompleteTransfer.class, FailTransfer.class})
@AssociationKey("transferId")
public class MoneyTransfer {

  @EventHandler
  ProcessStep<TransferState> on(TransferRequested event) {
    return ProcessStep.of(new TransferState(event.transferId(), event.fromAccount(), event.toAccount(), event.cents(),
            TransferState.Phase.DEBITING, null))
        .send(new DebitForTransfer(event.fromAccount(), event.transferId(), event.cents()));
  }

  @EventHandler
  ProcessStep<TransferState> on(DebitedForTransfer event, TransferState transfer) {
    if (transfer == null || transfer.phase() != TransferState.Phase.DEBITING) {
      return ProcessStep.of(transfer); // not this process's debit, or one it saw already
    }
    return ProcessStep.of(transfer.in(TransferState.Phase.CREDITING))
        .send(new CreditForTransfer(transfer.toAccount(), transfer.transferId(), transfer.cents()));
  }

  @EventHandler
  ProcessStep<TransferState> on(CreditedForTransfer event, TransferState transfer) {
    if (transfer == null || transfer.phase() != TransferState.Phase.CREDITING) {
      return ProcessStep.of(transfer);
    }
    return ProcessStep.<TransferState>end().send(new CompleteTransfer(transfer.transferId()));
  }

  @EventHandler
  ProcessStep<TransferState> on(TransferRefunded event, TransferState transfer) {
    if (transfer == null || transfer.phase() != TransferState.Phase.REFUNDING) {
      return ProcessStep.of(transfer);
    }
    return ProcessStep.<TransferState>end().send(new FailTransfer(transfer.transferId(), transfer.reason()));
  }

  @RejectionHandler
  ProcessStep<TransferState> on(DebitForTransfer command, DomainException rejection, TransferState transfer) {
    return ProcessStep.<TransferState>end().send(new FailTransfer(command.transferId(), rejection.code()));
  }

  @RejectionHandler
  ProcessStep<TransferState> on(CreditForTransfer command, DomainException rejection, TransferState transfer) {
    return ProcessStep.of(transfer.refunding(rejection.code()))
        .send(new RefundTransfer(transfer.fromAccount(), transfer.transferId(), transfer.cents()));
  }
}
