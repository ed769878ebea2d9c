/**
 * The shopping-cart sample: a cart aggregate (commands and events in {@code domain}) and two views of it
 * (in {@code views}): {@code cart-summary}, keyed by cart, and {@code customer-carts}, keyed by customer
 * across streams. Written only against the public annotations; everything else is generated.
 */
package dev.sourced.samples.cart;
