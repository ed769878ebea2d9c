package dev.sourced.local.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.api.Caller;
import dev.sourced.api.CommandContext;
import dev.sourced.local.testkit.bank.Account;
import dev.sourced.local.testkit.bank.AccountClosed;
import dev.sourced.local.testkit.bank.CloseAccount;
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
import java.util.Map;
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

  @Test
  void handlerTakingTheContext_seesTheCallerTheTestNamed() {
    Caller alice = Caller.jwt("alice-sub", Map.of("email", "alice@example.com"));

    AggregateFixture<Account>.Then then = account.given(new AccountOpened("a1", "ann"))
        .by(alice)
        .when(new CloseAccount("a1"))
        .expectEvents(new AccountClosed("a1", "alice-sub", "alice@example.com"));

    assertThat(then.context().caller()).isEqualTo(alice);
    assertThat(then.context().correlationId()).isEqualTo(then.context().commandId());
    assertThat(then.context().idempotencyKey()).isNull();
  }

  @Test
  void withoutACaller_theHandlerSeesAnAnonymousOne() {
    account.given(new AccountOpened("a1", "ann"))
        .when(new CloseAccount("a1"))
        .expectEvents(new AccountClosed("a1", "anonymous", null));
  }

  @Test
  void aWholeContext_reachesTheHandlerAsGiven() {
    CommandContext context = new CommandContext("cmd-9", "corr-9", "event-8", "key-9", Caller.service("process-manager:audit"));

    AggregateFixture<Account>.Then then = account.given(new AccountOpened("a1", "ann"), new AccountClosed("a1", "bob", null))
        .when(new CloseAccount("a1"), context)
        .expectError("account-closed");

    assertThat(then.context()).isSameAs(context);
  }
}
