package dev.sourced.local.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.local.testkit.bank.Account;
import dev.sourced.local.testkit.bank.AccountOpened;
import dev.sourced.local.testkit.bank.Deposit;
import dev.sourced.local.testkit.bank.Deposited;
import dev.sourced.local.testkit.bank.DepositedV1;
import dev.sourced.local.testkit.bank.OpenAccount;
import dev.sourced.local.testkit.bank.Transferred;
import dev.sourced.local.testkit.bank.Withdraw;
import dev.sourced.local.testkit.bank.Withdrawn;
import dev.sourced.runtime.StreamAlreadyExistsException;
import dev.sourced.runtime.StreamNotFoundException;
import org.junit.jupiter.api.Test;

class AggregateFixtureTest {
  private final AggregateFixture<Account> account = AggregateFixture.of(Account.class);

  @Test
  void creationCommand_onNoHistory_decidesItsEvent() {
    account.givenNoPriorActivity()
        .when(new OpenAccount("a1", "ann"))
        .expectEvents(new AccountOpened("a1", "ann"));
  }

  @Test
  void creationCommand_onExistingStream_isRejected() {
    account.given(new AccountOpened("a1", "ann"))
        .when(new OpenAccount("a1", "bob"))
        .expectException(StreamAlreadyExistsException.class);
  }

  @Test
  void command_onMissingStream_isRejected() {
    account.givenNoPriorActivity()
        .when(new Deposit("a1", 5))
        .expectException(StreamNotFoundException.class);
  }

  @Test
  void listReturningHandler_decidesAllItsEvents_inOrder() {
    account.given(new AccountOpened("a1", "ann"), new Deposited("a1", 500))
        .when(new Withdraw("a1", 200))
        .expectEvents(new Withdrawn("a1", 200), new Transferred("a1", 200))
        .expectState(a -> assertThat(a.balance()).isEqualTo(300));
  }

  @Test
  void handlerReturningNull_decidesNoEvents() {
    account.given(new AccountOpened("a1", "ann")).when(new Deposit("a1", 0)).expectNoEvents();
  }

  @Test
  void givenEventsOfOldRevisions_areUpcastBeforeTheAggregateSeesThem() {
    account.given(new AccountOpened("a1", "ann"), new DepositedV1("a1", 3))
        .when(new Withdraw("a1", 300))
        .expectEvents(new Withdrawn("a1", 300), new Transferred("a1", 300));
  }

  @Test
  void domainError_isMatchedByCode() {
    account.given(new AccountOpened("a1", "ann"))
        .when(new Withdraw("a1", 1))
        .expectError("insufficient-funds");
  }

  @Test
  void wrongExpectations_failWithMessagesThatShowBothSides() {
    assertThatThrownBy(() -> account.given(new AccountOpened("a1", "ann"))
            .when(new Deposit("a1", 5)).expectEvents(new Deposited("a1", 6)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Deposited[accountId=a1, cents=5]")
        .hasMessageContaining("Deposited[accountId=a1, cents=6]");
    assertThatThrownBy(() -> account.given(new AccountOpened("a1", "ann"))
            .when(new Withdraw("a1", 1)).expectError("frozen"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("'insufficient-funds'")
        .hasMessageContaining("expected 'frozen'");
    assertThatThrownBy(() -> account.given(new AccountOpened("a1", "ann"))
            .when(new Deposit("a1", 5)).expectError("frozen"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("decided [Deposited[accountId=a1, cents=5]]");
  }

  @Test
  void unknownAggregate_isExplained() {
    assertThatThrownBy(() -> AggregateFixture.of(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no generated SourcedApp declares aggregate java.lang.String");
  }
}
