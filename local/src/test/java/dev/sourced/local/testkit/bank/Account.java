package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.Aggregate;
import dev.sourced.annotations.CommandHandler;
import dev.sourced.annotations.EventSourcingHandler;
import dev.sourced.api.CommandContext;
import dev.sourced.api.DomainException;
import java.util.List;

@Aggregate
public class Account {
  long balance;
  boolean closed;

  @CommandHandler
  static AccountOpened open(OpenAccount command) {
    return new AccountOpened(command.accountId(), command.owner());
  }

  @CommandHandler
  Deposited deposit(Deposit command) {
    return command.cents() == 0 ? null : new Deposited(command.accountId(), command.cents());
  }

  @CommandHandler
  List<WithdrawalEvent> withdraw(Withdraw command) {
    if (command.cents() > balance) {
      throw new DomainException("insufficient-funds", "balance " + balance + " < " + command.cents());
    }
    return List.of(new Withdrawn(command.accountId(), command.cents()), new Transferred(command.accountId(), command.cents()));
  }

  @CommandHandler(claims = "email")
  AccountClosed close(CloseAccount command, CommandContext context) {
    if (closed) {
      throw new DomainException("account-closed", "the account is closed already");
    }
    return new AccountClosed(command.accountId(), context.caller().principal(), context.caller().claim("email"));
  }

  @EventSourcingHandler
  void on(AccountClosed event) {
    closed = true;
  }

  @EventSourcingHandler
  void on(Deposited event) {
    balance += event.cents();
  }

  @EventSourcingHandler
  void on(Withdrawn event) {
    balance -= event.cents();
  }

  public long balance() {
    return balance;
  }
}
