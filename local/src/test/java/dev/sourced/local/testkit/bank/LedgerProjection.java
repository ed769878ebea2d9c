package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.EventHandler;
import dev.sourced.annotations.Projection;

/** Counts deposits; a deposit of exactly 13 cents is "poison": its handler throws. */
@Projection(name = "ledger")
public class LedgerProjection {
  @EventHandler
  Ledger on(AccountOpened event) {
    return new Ledger(event.accountId(), 0, 0);
  }

  @EventHandler
  Ledger on(Deposited event, Ledger ledger) {
    if (event.cents() == 13) {
      throw new IllegalStateException("poison deposit");
    }
    return new Ledger(ledger.accountId(), ledger.entries() + 1, ledger.cents() + event.cents());
  }
}
