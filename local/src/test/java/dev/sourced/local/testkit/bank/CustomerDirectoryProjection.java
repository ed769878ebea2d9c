package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.EventHandler;
import dev.sourced.annotations.Projection;

@Projection(name = "customer-directory")
public class CustomerDirectoryProjection {
  @EventHandler
  CustomerEntry on(CustomerRegistered event) {
    return new CustomerEntry(event.customerId(), event.email(), event.name(), true);
  }

  @EventHandler
  CustomerEntry on(EmailChanged event, CustomerEntry entry) {
    return new CustomerEntry(entry.customerId(), event.email(), entry.name(), entry.active());
  }

  @EventHandler
  CustomerEntry on(CustomerLeft event, CustomerEntry entry) {
    return new CustomerEntry(entry.customerId(), null, entry.name(), false);
  }
}
