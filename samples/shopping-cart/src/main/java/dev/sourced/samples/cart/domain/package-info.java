/** The cart aggregate, the commands it decides and the events it records. */
package dev.sourced.samples.cart.domain;
