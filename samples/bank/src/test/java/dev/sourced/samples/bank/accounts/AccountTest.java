package dev.sourced.samples.bank.accounts;

import dev.sourced.local.testkit.AggregateFixture;
import org.junit.jupiter.api.Test;

class AccountTest {
  private final AggregateFixture<Account> account = AggregateFixture.of(Account.class);
  private final AccountOpened opened = new AccountOpened("a1", "12345678", "ann", 5_000);

  @Test
  void open_startsTheAccount() {
    account.givenNoPriorActivity().when(new OpenAccount("a1", "12345678", "ann", 5_000)).expectEvents(opened);
  }

  @Test
  void open_withANumberThatIsNot8To12Digits_isRefused() {
    account.givenNoPriorActivity().when(new OpenAccount("a1", "12-34", "ann", 0)).expectError("invalid-account-number");
  }

  @Test
  void withdraw_downToMinusTheOverdraftLimit_isAllowed() {
    account.given(opened, new MoneyDeposited("a1", 1_000))
        .when(new Withdraw("a1", 6_000))
        .expectEvents(new MoneyWithdrawn("a1", 6_000));
  }

  @Test
  void withdraw_pastTheOverdraftLimit_isRefused() {
    account.given(opened, new MoneyDeposited("a1", 1_000)).when(new Withdraw("a1", 6_001)).expectError("overdraft-limit-exceeded");
  }

  @Test
  void debitForTransfer_obeysTheOverdraftLimitToo() {
    account.given(opened).when(new DebitForTransfer("a1", "t1", 5_001)).expectError("overdraft-limit-exceeded");
    account.given(opened).when(new DebitForTransfer("a1", "t1", 5_000)).expectEvents(new DebitedForTransfer("a1", "t1", 5_000));
  }

  @Test
  void aClosedAccount_takesNoCredit() {
    account.given(opened, new AccountClosed("a1")).when(new CreditForTransfer("a1", "t1", 10)).expectError("account-closed");
  }

  @Test
  void close_needsABalanceOfZero() {
    account.given(opened, new MoneyDeposited("a1", 1)).when(new CloseAccount("a1")).expectError("account-not-empty");
  }

  @Test
  void refund_onlyOfADebitedTransfer_evenToAClosedAccount() {
    account.given(opened).when(new RefundTransfer("a1", "t1", 10)).expectError("transfer-not-debited");
    account.given(opened, new DebitedForTransfer("a1", "t1", 10), new AccountClosed("a1"))
        .when(new RefundTransfer("a1", "t1", 10))
        .expectEvents(new TransferRefunded("a1", "t1", 10));
  }
}
