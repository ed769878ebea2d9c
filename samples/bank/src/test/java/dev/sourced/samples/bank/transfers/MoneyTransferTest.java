package dev.sourced.samples.bank.transfers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.api.ProcessStep;
import dev.sourced.local.testkit.ProcessManagerFixture;
import dev.sourced.samples.bank.SourcedApp;
import dev.sourced.samples.bank.accounts.CreditForTransfer;
import dev.sourced.samples.bank.accounts.CreditedForTransfer;
import dev.sourced.samples.bank.accounts.DebitForTransfer;
import dev.sourced.samples.bank.accounts.DebitedForTransfer;
import dev.sourced.samples.bank.accounts.RefundTransfer;
import dev.sourced.samples.bank.accounts.TransferRefunded;
import dev.sourced.samples.bank.transfers.TransferState.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The money-transfer process, given events, expecting the commands it sends and the state it keeps. */
class MoneyTransferTest {
  private final ProcessManagerFixture<TransferState> transfer = ProcessManagerFixture.of(MoneyTransfer.class, TransferState.class);
  private final TransferRequested requested = new TransferRequested("t1", "a", "b", 100);

  @Test
  void aStepSettingADeadlineNoHandlerHandles_fails() {
    // a misspelt name compiles (it is a string); the step fails, here as deployed, rather than the deadline being
    // dropped when it comes due
    MoneyTransfer misspelt = new MoneyTransfer() {
      @Override
      ProcessStep<TransferState> on(TransferRequested event) {
        return super.on(event).schedule("transfer-timeot", TIMEOUT);
      }
    };
    ProcessManagerFixture<?> fixture = ProcessManagerFixture.of(SourcedApp.INSTANCE, misspelt);

    assertThatThrownBy(() -> fixture.when(requested)).isInstanceOf(IllegalStateException.class)
        .hasMessage("process manager 'money-transfer' set deadline 'transfer-timeot', which none of its @DeadlineHandlers"
            + " handles [transfer-timeout]; when due it would be dropped. Correct the name, or add"
            + " @DeadlineHandler(\"transfer-timeot\")");
    fixture.expectNoCommands().expectEnded("t1");
  }

  @Test
  void aRequest_debitsThePayer() {
    transfer.when(requested)
        .expectCommands(new DebitForTransfer("a", "t1", 100))
        .expectState("t1", new TransferState("t1", "a", "b", 100, Phase.DEBITING, null));
  }

  @Test
  void aDebit_creditsThePayee_andACredit_completesTheTransfer() {
    transfer.given(requested)
        .when(new DebitedForTransfer("a", "t1", 100))
        .expectCommands(new CreditForTransfer("b", "t1", 100))
        .expectState("t1", new TransferState("t1", "a", "b", 100, Phase.CREDITING, null))
        .when(new CreditedForTransfer("b", "t1", 100))
        .expectCommands(new CompleteTransfer("t1"))
        .expectEnded("t1");
  }

  @Test
  void aRefusedDebit_failsTheTransfer() {
    transfer.rejecting(DebitForTransfer.class, "overdraft-limit-exceeded")
        .when(requested)
        .expectCommands(new DebitForTransfer("a", "t1", 100), new FailTransfer("t1", "overdraft-limit-exceeded"))
        .expectEnded("t1");
  }

  @Test
  void aRefusedCredit_refundsThePayer_thenFailsTheTransfer() {
    transfer.given(requested)
        .rejecting(CreditForTransfer.class, "account-closed")
        .when(new DebitedForTransfer("a", "t1", 100))
        .expectCommands(new CreditForTransfer("b", "t1", 100), new RefundTransfer("a", "t1", 100))
        .expectState("t1", new TransferState("t1", "a", "b", 100, Phase.REFUNDING, "account-closed"))
        .when(new TransferRefunded("a", "t1", 100))
        .expectCommands(new FailTransfer("t1", "account-closed"))
        .expectEnded("t1");
  }

  @Test
  void aDebitSeenAgain_orOfAnotherProcess_sendsNothing() {
    transfer.given(requested, new DebitedForTransfer("a", "t1", 100))
        .when(new DebitedForTransfer("a", "t1", 100))
        .expectNoCommands()
        .when(new DebitedForTransfer("a", "t-unknown", 5))
        .expectNoCommands()
        .expectEnded("t-unknown");
    assertThat(transfer.state("t1")).map(TransferState::phase).contains(Phase.CREDITING);
  }

  @Test
  void aRequest_setsTheTimeout_andTheEndOfTheTransferDropsIt() {
    transfer.when(requested)
        .expectDeadline("t1", "transfer-timeout", Duration.ofMinutes(15))
        .when(new DebitedForTransfer("a", "t1", 100))
        .expectDeadline("t1", "transfer-timeout", Duration.ofMinutes(15).minusSeconds(1)) // due from the request, a second before
        .when(new CreditedForTransfer("b", "t1", 100))
        .expectEnded("t1")
        .expectNoDeadline("t1", "transfer-timeout");
  }

  @Test
  void aTimeoutWhileDebiting_refundsTheDebitWhoseEventNeverCame() {
    transfer.given(requested)
        .whenDeadline("t1", "transfer-timeout")
        .expectCommands(new RefundTransfer("a", "t1", 100))
        .expectState("t1", new TransferState("t1", "a", "b", 100, Phase.REFUNDING, "timed-out"))
        .when(new TransferRefunded("a", "t1", 100))
        .expectCommands(new FailTransfer("t1", "timed-out"))
        .expectEnded("t1");
  }

  @Test
  void aTimeoutWhoseRefundFindsNoDebit_failsTheTransfer() {
    transfer.given(requested)
        .rejecting(RefundTransfer.class, "transfer-not-debited")
        .whenDeadline("t1", "transfer-timeout")
        .expectCommands(new RefundTransfer("a", "t1", 100), new FailTransfer("t1", "timed-out"))
        .expectEnded("t1");
  }

  @Test
  void aTimeoutWhileCrediting_completesTheTransfer() {
    transfer.given(requested, new DebitedForTransfer("a", "t1", 100))
        .whenDeadline("t1", "transfer-timeout")
        .expectCommands(new CompleteTransfer("t1"))
        .expectEnded("t1");
  }
}
