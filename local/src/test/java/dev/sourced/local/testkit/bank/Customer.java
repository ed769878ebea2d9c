package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.Aggregate;
import dev.sourced.annotations.CommandHandler;
import dev.sourced.annotations.EventSourcingHandler;
import dev.sourced.api.DomainException;
import java.util.ArrayList;
import java.util.List;

/** A customer of the bank, whose email address is unique among customers. */
@Aggregate
public class Customer {
  String email;
  boolean left;

  @CommandHandler
  static CustomerRegistered register(RegisterCustomer command) {
    return new CustomerRegistered(command.customerId(), command.email(), command.name());
  }

  @CommandHandler
  EmailChanged changeEmail(ChangeEmail command) {
    stillACustomer();
    return command.email().equals(email) ? null : new EmailChanged(command.customerId(), command.email());
  }

  @CommandHandler
  List<EmailChanged> changeEmails(ChangeEmails command) {
    stillACustomer();
    List<EmailChanged> changes = new ArrayList<>();
    command.emails().forEach(changed -> changes.add(new EmailChanged(command.customerId(), changed)));
    return changes;
  }

  @CommandHandler
  CustomerLeft leave(LeaveBank command) {
    stillACustomer();
    return new CustomerLeft(command.customerId());
  }

  private void stillACustomer() {
    if (left) {
      throw new DomainException("customer-left", "the customer has left the bank");
    }
  }

  @EventSourcingHandler
  void on(CustomerRegistered event) {
    email = event.email();
  }

  @EventSourcingHandler
  void on(EmailChanged event) {
    email = event.email();
  }

  @EventSourcingHandler
  void on(CustomerLeft event) {
    left = true;
    email = null;
  }
}
