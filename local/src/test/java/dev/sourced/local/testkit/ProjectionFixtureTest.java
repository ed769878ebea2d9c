package dev.sourced.local.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.local.testkit.bank.AccountOpened;
import dev.sourced.local.testkit.bank.Balance;
import dev.sourced.local.testkit.bank.BalancesProjection;
import dev.sourced.local.testkit.bank.Deposited;
import dev.sourced.local.testkit.bank.DepositedV1;
import dev.sourced.local.testkit.bank.GetBalance;
import dev.sourced.local.testkit.bank.TransferLog;
import dev.sourced.local.testkit.bank.Transferred;
import dev.sourced.local.testkit.bank.Withdrawn;
import dev.sourced.spi.SourcedApplication;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProjectionFixtureTest {

  @Test
  void events_foldIntoViews_keyedByStream_withStreamVersions() {
    ProjectionFixture.of(BalancesProjection.class, Balance.class)
        .given(new AccountOpened("a1", "ann"), new AccountOpened("a2", "bob"), new DepositedV1("a1", 2), new Deposited("a1", 50))
        .expectView("a1", new Balance("a1", 250, 3))
        .expectView("a2", new Balance("a2", 0, 1));
  }

  @Test
  void handlerReturningNull_deletesTheView() {
    ProjectionFixture.of(BalancesProjection.class, Balance.class)
        .given(new AccountOpened("a1", "ann"), new Deposited("a1", 50), new Withdrawn("a1", 50))
        .expectNoView("a1");
  }

  @Test
  void queries_readTheFixturesViews_andOptionalEmptyMeansNotFound() {
    ProjectionFixture<Balance> balances = ProjectionFixture.of(BalancesProjection.class, Balance.class)
        .given(new AccountOpened("a1", "ann"));
    balances.expectQuery(new GetBalance("a1"), new Balance("a1", 0, 1));
    assertThat(balances.query(new GetBalance("zz"))).isNull();
  }

  @Test
  void reactor_onAGivenInstance_seesMetadata_andEventsWithoutStreamComponentNeedGivenStream() {
    SourcedApplication bank = ServiceLoader.load(SourcedApplication.class).findFirst().orElseThrow();
    TransferLog log = new TransferLog();
    ProjectionFixture<?> fixture = ProjectionFixture.of(bank, log);

    assertThatThrownBy(() -> fixture.given(new Transferred("a1", 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("givenStream");

    fixture.givenStream("account#a1", new Transferred("a1", 5), new Transferred("a1", 7));
    assertThat(log.seen).containsExactly("account#a1@1:5", "account#a1@2:7");
  }

  @Test
  void wrongView_failsWithBothSides() {
    assertThatThrownBy(() -> ProjectionFixture.of(BalancesProjection.class, Balance.class)
            .given(new AccountOpened("a1", "ann"))
            .expectView("a1", new Balance("a1", 1, 1)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Balance[accountId=a1, cents=0, version=1]")
        .hasMessageContaining("Balance[accountId=a1, cents=1, version=1]");
  }
}
