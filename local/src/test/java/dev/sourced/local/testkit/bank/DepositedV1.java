package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.Event;
import dev.sourced.annotations.Upcaster;

/** Revision 1 stored whole units. */
@Event(name = "Deposited", revision = 1)
public record DepositedV1(String accountId, long units) {
  @Upcaster
  static Deposited toCents(DepositedV1 old) {
    return new Deposited(old.accountId(), old.units() * 100);
  }
}
