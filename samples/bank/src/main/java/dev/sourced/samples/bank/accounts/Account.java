package dev.sourced.samples.bank.accounts;

import dev.sourced.annotations.Aggregate;
import dev.sourced.annotations.CommandHandler;
import dev.sourced.annotations.EventSourcingHandler;
import dev.sourced.api.DomainException;
import java.util.HashSet;
import java.util.Set;

/**
 * A bank account. Its balance may go down to minus its overdraft limit; a closed account takes no money. A transfer's
 * debit, credit and refund are internal commands, each applied once per transfer.
 */
@Aggregate
public class Account {
  /** The largest amount one command moves: a hundred million, in cents. */
  static final long MAX_CENTS = 10_000_000_000L;

  private long balance;
  private long overdraftLimit;
  private boolean closed;
  private final Set<String> transfers = new HashSet<>();

  @CommandHandler
  static AccountOpened open(OpenAccount command) {
    if (command.number() == null || !command.number().matches("[0-9]{8,12}")) {
      throw new DomainException("invalid-account-number", "an account number is 8 to 12 digits");
    }
    if (command.overdraftLimit() < 0 || command.overdraftLimit() > MAX_CENTS) {
      throw new DomainException("invalid-overdraft-limit", "the overdraft limit is 0 to " + MAX_CENTS + " cents");
    }
    return new AccountOpened(command.accountId(), command.number(), command.owner(), command.overdraftLimit());
  }

  @CommandHandler
  MoneyDeposited deposit(Deposit command) {
    requireOpen();
    return new MoneyDeposited(command.accountId(), amount(command.cents()));
  }

  @CommandHandler
  MoneyWithdrawn withdraw(Withdraw command) {
    requireOpen();
    requireCovered(amount(command.cents()));
    return new MoneyWithdrawn(command.accountId(), command.cents());
  }

  @CommandHandler
  AccountClosed close(CloseAccount command) {
    requireOpen();
    if (balance != 0) {
      throw new DomainException("account-not-empty", "only an account with a balance of 0 can be closed; it has " + balance);
    }
    return new AccountClosed(command.accountId());
  }

  @CommandHandler(internal = true)
  DebitedForTransfer debit(DebitForTransfer command) {
    requireOpen();
    requireCovered(amount(command.cents()));
    return new DebitedForTransfer(command.accountId(), command.transferId(), command.cents());
  }

  @CommandHandler(internal = true)
  CreditedForTransfer credit(CreditForTransfer command) {
    requireOpen();
    return new CreditedForTransfer(command.accountId(), command.transferId(), amount(command.cents()));
  }

  @CommandHandler(internal = true)
  TransferRefunded refund(RefundTransfer command) {
    if (!transfers.contains(command.transferId())) {
      throw new DomainException("transfer-not-debited", "transfer " + command.transferId() + " took no money from this account");
    }
    // a refund is owed even to an account closed since: it reopens nothing, but the money is the owner's
    return new TransferRefunded(command.accountId(), command.transferId(), command.cents());
  }

  private void requireOpen() {
    if (closed) {
      throw new DomainException("account-closed", "the account is closed");
    }
  }

  private void requireCovered(long cents) {
    if (balance - cents < -overdraftLimit) {
      throw new DomainException("overdraft-limit-exceeded",
          "a balance of " + balance + " with an overdraft limit of " + overdraftLimit + " does not cover " + cents);
    }
  }

  private static long amount(long cents) {
    if (cents < 1 || cents > MAX_CENTS) {
      throw new DomainException("invalid-amount", "an amount is 1 to " + MAX_CENTS + " cents");
    }
    return cents;
  }

  @EventSourcingHandler
  void on(AccountOpened event) {
    overdraftLimit = event.overdraftLimit();
  }

  @EventSourcingHandler
  void on(MoneyDeposited event) {
    balance += event.cents();
  }

  @EventSourcingHandler
  void on(MoneyWithdrawn event) {
    balance -= event.cents();
  }

  @EventSourcingHandler
  void on(DebitedForTransfer event) {
    balance -= event.cents();
    transfers.add(event.transferId());
  }

  @EventSourcingHandler
  void on(CreditedForTransfer event) {
    balance += event.cents();
  }

  @EventSourcingHandler
  void on(TransferRefunded event) {
    balance += event.cents();
    transfers.remove(event.transferId());
  }

  @EventSourcingHandler
  void on(AccountClosed event) {
    closed = true;
  }
}
