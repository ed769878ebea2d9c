package dev.sourced.samples.cart.views;

import dev.sourced.annotations.EventHandler;
import dev.sourced.annotations.Projection;
import dev.sourced.annotations.QueryHandler;
import dev.sourced.annotations.ViewKey;
import dev.sourced.api.Views;
import dev.sourced.samples.cart.domain.CartCheckedOut;
import dev.sourced.samples.cart.domain.CartOpened;
import java.util.List;

/** Keeps, per customer, the ids of their open carts: a view fed by many cart streams. */
@Projection(name = "customer-carts")
@ViewKey("customerId")
public class CustomerCartsProjection {

  @EventHandler
  CustomerCarts on(CartOpened event, CustomerCarts carts) {
    CustomerCarts current = carts == null ? new CustomerCarts(event.customerId(), List.of()) : carts;
    return current.with(event.cartId());
  }

  @EventHandler
  CustomerCarts on(CartCheckedOut event, CustomerCarts carts) {
    CustomerCarts current = carts == null ? new CustomerCarts(event.customerId(), List.of()) : carts;
    return current.without(event.cartId());
  }

  @QueryHandler
  CustomerCarts get(GetCustomerCarts query, Views<CustomerCarts> views) {
    return views.get(query.customerId());
  }
}
