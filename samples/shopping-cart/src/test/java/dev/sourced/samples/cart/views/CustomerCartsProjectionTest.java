package dev.sourced.samples.cart.views;

import dev.sourced.local.testkit.ProjectionFixture;
import dev.sourced.samples.cart.domain.CartCheckedOut;
import dev.sourced.samples.cart.domain.CartOpened;
import dev.sourced.samples.cart.domain.ItemAdded;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerCartsProjectionTest {
  private final ProjectionFixture<CustomerCarts> customerCarts =
      ProjectionFixture.of(CustomerCartsProjection.class, CustomerCarts.class);

  @Test
  void view_isKeyedByCustomer_acrossCartStreams() {
    customerCarts.given(
            new CartOpened("c2", "u1"),
            new CartOpened("c1", "u1"),
            new CartOpened("c3", "u2"),
            new ItemAdded("c1", "A", 1))
        .expectView("u1", new CustomerCarts("u1", List.of("c1", "c2")))
        .expectView("u2", new CustomerCarts("u2", List.of("c3")))
        .expectNoView("c1");
  }

  @Test
  void checkedOutCarts_leaveTheList() {
    customerCarts.given(
            new CartOpened("c1", "u1"),
            new CartOpened("c2", "u1"),
            new CartCheckedOut("c1", "u1"))
        .expectView("u1", new CustomerCarts("u1", List.of("c2")))
        .expectQuery(new GetCustomerCarts("u1"), new CustomerCarts("u1", List.of("c2")));
  }
}
