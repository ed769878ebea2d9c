package dev.sourced.samples.cart.views;

import dev.sourced.annotations.EventHandler;
import dev.sourced.annotations.Projection;
import dev.sourced.annotations.QueryHandler;
import dev.sourced.api.EventMetadata;
import dev.sourced.api.Views;
import dev.sourced.samples.cart.domain.CartCheckedOut;
import dev.sourced.samples.cart.domain.CartOpened;
import dev.sourced.samples.cart.domain.ItemAdded;
import dev.sourced.samples.cart.domain.ItemRemoved;
import java.util.HashMap;
import java.util.Map;

/** Keeps a {@link CartSummary} per cart. */
@Projection(name = "cart-summary")
public class CartSummaryProjection {

  @EventHandler
  CartSummary on(CartOpened event, EventMetadata metadata) {
    return CartSummary.opened(event.cartId(), event.customerId(), metadata.principal());
  }

  @EventHandler
  CartSummary on(ItemAdded event, CartSummary summary) {
    Map<String, Integer> items = new HashMap<>(summary.items());
    items.merge(event.sku(), event.quantity(), Integer::sum);
    return summary.withItems(items);
  }

  @EventHandler
  CartSummary on(ItemRemoved event, CartSummary summary) {
    Map<String, Integer> items = new HashMap<>(summary.items());
    items.remove(event.sku());
    return summary.withItems(items);
  }

  @EventHandler
  CartSummary on(CartCheckedOut event, CartSummary summary) {
    return summary.withStatus(CartStatus.CHECKED_OUT);
  }

  @QueryHandler
  CartSummary get(GetCartSummary query, Views<CartSummary> views) {
    return views.get(query.cartId());
  }
}
