package dev.sourced.samples.cart.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sourced.local.testkit.AggregateFixture;
import dev.sourced.runtime.StreamAlreadyExistsException;
import dev.sourced.runtime.StreamNotFoundException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ShoppingCartTest {
  private final AggregateFixture<ShoppingCart> cart = AggregateFixture.of(ShoppingCart.class);
  private final CartOpened opened = new CartOpened("c1", "u1");

  @Test
  void openCart_startsTheStream() {
    cart.givenNoPriorActivity()
        .when(new OpenCart("c1", "u1"))
        .expectEvents(opened);
  }

  @Test
  void openCart_twice_isRejectedAsExisting() {
    cart.given(opened).when(new OpenCart("c1", "u2")).expectException(StreamAlreadyExistsException.class);
  }

  @Test
  void addItem_toUnknownCart_isRejectedAsMissing() {
    cart.givenNoPriorActivity().when(new AddItem("c1", "A", 1)).expectException(StreamNotFoundException.class);
  }

  @Test
  void addItem_recordsTheQuantity() {
    cart.given(opened)
        .when(new AddItem("c1", "A", 2))
        .expectEvents(new ItemAdded("c1", "A", 2));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 100})
  void addItem_withQuantityOutside1to99_isInvalid(int quantity) {
    cart.given(opened).when(new AddItem("c1", "A", quantity)).expectError("invalid-quantity");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 99})
  void addItem_withQuantityOnTheBounds_isAccepted(int quantity) {
    cart.given(opened).when(new AddItem("c1", "A", quantity)).expectEvents(new ItemAdded("c1", "A", quantity));
  }

  @Test
  void removeItem_thatIsInTheCart_removesIt() {
    cart.given(opened, new ItemAdded("c1", "A", 2))
        .when(new RemoveItem("c1", "A"))
        .expectEvents(new ItemRemoved("c1", "A"));
  }

  @Test
  void removeItem_thatIsNotInTheCart_isRejected() {
    cart.given(opened, new ItemAdded("c1", "A", 2), new ItemRemoved("c1", "A"))
        .when(new RemoveItem("c1", "A"))
        .expectError("item-not-in-cart");
  }

  @Test
  void checkOut_carriesTheCustomer() {
    cart.given(opened, new ItemAdded("c1", "A", 1))
        .when(new CheckOut("c1"))
        .expectEvents(new CartCheckedOut("c1", "u1"));
  }

  @Test
  void checkOut_ofAnEmptyCart_isRejected() {
    cart.given(opened).when(new CheckOut("c1")).expectError("empty-cart");
    cart.given(opened, new ItemAdded("c1", "A", 1), new ItemRemoved("c1", "A"))
        .when(new CheckOut("c1")).expectError("empty-cart");
  }

  @Test
  void everyChange_afterCheckOut_isRejected() {
    var checkedOut = cart.given(opened, new ItemAdded("c1", "A", 1), new CartCheckedOut("c1", "u1"));
    checkedOut.when(new AddItem("c1", "B", 1)).expectError("cart-checked-out");
    checkedOut.when(new RemoveItem("c1", "A")).expectError("cart-checked-out");
    checkedOut.when(new CheckOut("c1")).expectError("cart-checked-out");
  }

  @Test
  void storedItemAddedOfRevision1_countsAsOneUnit() {
    cart.given(opened, new ItemAddedV1("c1", "A"))
        .when(new RemoveItem("c1", "A"))
        .expectEvents(new ItemRemoved("c1", "A"));
    assertThat(ItemAddedV1.toRevision2(new ItemAddedV1("c1", "A"))).isEqualTo(new ItemAdded("c1", "A", 1));
  }
}
