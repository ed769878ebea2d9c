package dev.sourced.samples.bank.views;

import dev.sourced.annotations.EventHandler;
import dev.sourced.annotations.Projection;
import dev.sourced.annotations.QueryHandler;
import dev.sourced.api.EventMetadata;
import dev.sourced.api.Views;
import dev.sourced.samples.bank.accounts.AccountClosed;
import dev.sourced.samples.bank.accounts.AccountOpened;
import dev.sourced.samples.bank.accounts.CreditedForTransfer;
import dev.sourced.samples.bank.accounts.DebitedForTransfer;
import dev.sourced.samples.bank.accounts.MoneyDeposited;
import dev.sourced.samples.bank.accounts.MoneyWithdrawn;
import dev.sourced.samples.bank.accounts.TransferRefunded;

/** Keeps an {@link AccountBalance} per account, and who last changed it. */
@Projection(name = "balances")
public class BalancesProjection {

  @EventHandler
  AccountBalance on(AccountOpened event, EventMetadata metadata) {
    return new AccountBalance(event.accountId(), event.number(), event.owner(), 0, false, metadata.principal(), metadata.principal());
  }

  @EventHandler
  AccountBalance on(MoneyDeposited event, AccountBalance balance, EventMetadata metadata) {
    return balance.plus(event.cents(), metadata.principal());
  }

  @EventHandler
  AccountBalance on(MoneyWithdrawn event, AccountBalance balance, EventMetadata metadata) {
    return balance.plus(-event.cents(), metadata.principal());
  }

  @EventHandler
  AccountBalance on(DebitedForTransfer event, AccountBalance balance, EventMetadata metadata) {
    return balance.plus(-event.cents(), metadata.principal());
  }

  @EventHandler
  AccountBalance on(CreditedForTransfer event, AccountBalance balance, EventMetadata metadata) {
    return balance.plus(event.cents(), metadata.principal());
  }

  @EventHandler
  AccountBalance on(TransferRefunded event, AccountBalance balance, EventMetadata metadata) {
    return balance.plus(event.cents(), metadata.principal());
  }

  @EventHandler
  AccountBalance on(AccountClosed event, AccountBalance balance, EventMetadata metadata) {
    return balance.closed(metadata.principal());
  }

  @QueryHandler
  AccountBalance get(GetBalance query, Views<AccountBalance> views) {
    return views.get(query.accountId());
  }
}
