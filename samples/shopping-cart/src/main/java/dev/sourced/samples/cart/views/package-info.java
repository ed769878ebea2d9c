/** Read models of carts and the queries that read them. */
package dev.sourced.samples.cart.views;
