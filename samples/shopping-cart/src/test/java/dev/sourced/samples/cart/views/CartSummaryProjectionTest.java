package dev.sourced.samples.cart.views;

import dev.sourced.local.testkit.ProjectionFixture;
import dev.sourced.samples.cart.domain.CartCheckedOut;
import dev.sourced.samples.cart.domain.CartOpened;
import dev.sourced.samples.cart.domain.ItemAdded;
import dev.sourced.samples.cart.domain.ItemAddedV1;
import dev.sourced.samples.cart.domain.ItemRemoved;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CartSummaryProjectionTest {
  private final ProjectionFixture<CartSummary> summaries =
      ProjectionFixture.of(CartSummaryProjection.class, CartSummary.class);

  @Test
  void openedCart_isEmptyAndOpen() {
    summaries.given(new CartOpened("c1", "u1"))
        .expectView("c1", new CartSummary("c1", "u1", CartStatus.OPEN, Map.of(), 0, 0, "anonymous"));
  }

  @Test
  void items_countDistinctSkusAndTotalUnits() {
    summaries.given(
            new CartOpened("c1", "u1"),
            new ItemAdded("c1", "A", 2),
            new ItemAdded("c1", "B", 3),
            new ItemAdded("c1", "A", 1),
            new ItemAddedV1("c1", "C"),
            new ItemRemoved("c1", "B"))
        .expectView("c1", new CartSummary("c1", "u1", CartStatus.OPEN, Map.of("A", 3, "C", 1), 2, 4, "anonymous"));
  }

  @Test
  void checkOut_marksTheCartCheckedOut_andEachCartHasItsOwnView() {
    summaries.given(
            new CartOpened("c1", "u1"),
            new CartOpened("c2", "u1"),
            new ItemAdded("c1", "A", 1),
            new CartCheckedOut("c1", "u1"))
        .expectView("c1", new CartSummary("c1", "u1", CartStatus.CHECKED_OUT, Map.of("A", 1), 1, 1, "anonymous"))
        .expectView("c2", new CartSummary("c2", "u1", CartStatus.OPEN, Map.of(), 0, 0, "anonymous"));
  }

  @Test
  void query_readsTheSummary_orAnswersNullForUnknownCarts() {
    summaries.given(new CartOpened("c1", "u1"), new ItemAdded("c1", "A", 2))
        .expectQuery(new GetCartSummary("c1"), new CartSummary("c1", "u1", CartStatus.OPEN, Map.of("A", 2), 1, 2, "anonymous"))
        .expectQuery(new GetCartSummary("nope"), null);
  }

  @Test
  void openedCart_recordsWhoOpenedIt_fromTheEventsMetadata() {
    summaries.by("arn:aws:iam::123456789012:user/alice").given(new CartOpened("c1", "u1"))
        .by("bob-sub").given(new ItemAdded("c1", "A", 1))
        .expectView("c1", new CartSummary("c1", "u1", CartStatus.OPEN, Map.of("A", 1), 1, 1,
            "arn:aws:iam::123456789012:user/alice"));
  }
}
