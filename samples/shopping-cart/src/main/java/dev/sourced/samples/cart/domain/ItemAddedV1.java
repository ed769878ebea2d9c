package dev.sourced.samples.cart.domain;

import dev.sourced.annotations.Event;
import dev.sourced.annotations.Upcaster;

/**
 * The first shape of {@code ItemAdded}, from before carts had quantities: every add was one unit.
 * Stored events of this revision are upcast on read.
 */
@Event(name = "ItemAdded", revision = 1)
public record ItemAddedV1(String cartId, String sku) {

  @Upcaster
  static ItemAdded toRevision2(ItemAddedV1 old) {
    return new ItemAdded(old.cartId(), old.sku(), 1);
  }
}
