package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.EventHandler;
import dev.sourced.annotations.Projection;
import dev.sourced.annotations.QueryHandler;
import dev.sourced.api.EventMetadata;
import dev.sourced.api.Views;
import java.util.List;
import java.util.Optional;

@Projection(name = "balances")
public class BalancesProjection {
  @EventHandler
  Balance on(AccountOpened event, EventMetadata metadata) {
    return new Balance(event.accountId(), 0, metadata.version());
  }

  @EventHandler
  Balance on(Deposited event, Balance balance, EventMetadata metadata) {
    return new Balance(balance.accountId(), balance.cents() + event.cents(), metadata.version());
  }

  @EventHandler
  Balance on(Withdrawn event, Balance balance, EventMetadata metadata) {
    long cents = balance.cents() - event.cents();
    return cents == 0 ? null : new Balance(balance.accountId(), cents, metadata.version());
  }

  @QueryHandler
  Optional<Balance> get(GetBalance query, Views<Balance> views) {
    return views.find(query.accountId());
  }

  /** Passes the client's paging straight to {@link Views#list}, as a careless handler would. */
  @QueryHandler(route = "GET /balances")
  List<Balance> list(ListBalances query, Views<Balance> views) {
    return views.list(query.limit(), query.cursor().orElse(null)).items();
  }
}
