package dev.sourced.samples.cart.domain;

import dev.sourced.annotations.Event;

/** Units of a SKU were added. Revision 2 added {@code quantity}; see {@link ItemAddedV1}. */
@Event(name = "ItemAdded", revision = 2)
public record ItemAdded(String cartId, String sku, int quantity) {}
