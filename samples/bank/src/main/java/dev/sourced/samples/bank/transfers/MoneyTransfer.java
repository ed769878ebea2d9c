package dev.sourced.samples.bank.transfers;

import dev.sourced.annotations.AssociationKey;
import dev.sourced.annotations.DeadlineHandler;
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
import java.time.Duration;

/**
 * Moves a transfer's money: debit the payer; when that is done, credit the payee; when that is done, complete the
 * transfer. A refused debit fails the transfer. A refused credit refunds the payer, then fails the transfer. Each step
 * is an internal command, sent once per event however often the event is delivered. A transfer still running after
 * {@link #TIMEOUT} (an event stuck in a dead-letter queue, say) is finished from what its commands are known to have
 * done: a debit whose event never came is refunded.
 */
@ProcessManager(name = "money-transfer",
    sends = {DebitForTransfer.class, CreditForTransfer.class, RefundTransfer.class, CompleteTransfer.class, FailTransfer.class})
@AssociationKey("transferId")
public class MoneyTransfer {
  /** How long a transfer may take before it is finished without the events it waits for. */
  static final Duration TIMEOUT = Duration.ofMinutes(15);

  @EventHandler
  ProcessStep<TransferState> on(TransferRequested event) {
    return ProcessStep.of(new TransferState(event.transferId(), event.fromAccount(), event.toAccount(), event.cents(),
            TransferState.Phase.DEBITING, null))
        .send(new DebitForTransfer(event.fromAccount(), event.transferId(), event.cents()))
        .schedule("transfer-timeout", TIMEOUT);
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

  @RejectionHandler
  ProcessStep<TransferState> on(RefundTransfer command, DomainException rejection, TransferState transfer) {
    // only a timed-out transfer refunds a debit it never saw: there was none, so nothing moved
    return ProcessStep.<TransferState>end().send(new FailTransfer(command.transferId(), transfer.reason()));
  }

  /**
   * The transfer took too long. Its commands ran in the steps that sent them, so its phase says what they did: still
   * debiting means the debit succeeded but its event did not come (a refused debit ends the transfer at once), so the
   * payer is refunded; crediting means the credit succeeded (a refused one moves to refunding at once), so the transfer
   * completed; refunding means the refund succeeded.
   */
  @DeadlineHandler("transfer-timeout")
  ProcessStep<TransferState> timedOut(TransferState transfer) {
    return switch (transfer.phase()) {
      case DEBITING -> ProcessStep.of(transfer.refunding("timed-out"))
          .send(new RefundTransfer(transfer.fromAccount(), transfer.transferId(), transfer.cents()));
      case CREDITING -> ProcessStep.<TransferState>end().send(new CompleteTransfer(transfer.transferId()));
      case REFUNDING -> ProcessStep.<TransferState>end().send(new FailTransfer(transfer.transferId(), transfer.reason()));
    };
  }
}
