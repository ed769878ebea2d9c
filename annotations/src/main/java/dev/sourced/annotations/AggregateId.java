package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the component of a command record that identifies the aggregate instance (the stream) the
 * command is for, e.g. {@code record AddItem(@AggregateId String cartId, String sku, int quantity)}.
 *
 * <p>The processor requires exactly one {@code @AggregateId} component of type {@link String} on every
 * record that a {@link CommandHandler} takes. The default route binds it to the path: {@code POST
 * /shopping-cart/{cartId}/add-item}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface AggregateId {}
