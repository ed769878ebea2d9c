package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method that turns an event of revision {@code n} into the same event at revision
 * {@code n + 1}, e.g.
 *
 * <pre>{@code
 * @Event(name = "ItemAdded", revision = 1)
 * public record ItemAddedV1(String cartId, String sku) {
 *   @Upcaster static ItemAdded toV2(ItemAddedV1 old) { return new ItemAdded(old.cartId(), old.sku(), 1); }
 * }
 * }</pre>
 *
 * <p>The processor requires: a static, non-private method without checked exceptions; one parameter,
 * an event record; a return type that is an event record with the same name and exactly the next
 * revision; one upcaster per (name, revision).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Upcaster {}
