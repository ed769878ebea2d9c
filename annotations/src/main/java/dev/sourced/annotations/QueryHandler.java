package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that answers a query from the views of a projection:
 *
 * <pre>{@code
 * @QueryHandler CartSummary get(GetCartSummary q, Views<CartSummary> views) { return views.get(q.cartId()); }
 * }</pre>
 *
 * Returning {@code null} (or an empty {@code Optional}) answers 404.
 *
 * <p>The processor requires: the query record first and a {@link dev.sourced.api.Views}{@code <V>}
 * second, where {@code V} is the view type of some {@link Projection}; not private; no checked
 * exceptions; one handler per query type; a route that collides with no other. Instance handlers need a
 * non-private no-arg constructor on their class.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface QueryHandler {

  /**
   * The HTTP route, {@code "GET /path/{param}"}. Path parameters must name components of the query
   * record; the other components are read from the query string.
   *
   * @return the route; empty means {@code GET /<projection-name>/{<first component>}}, or {@code GET
   *     /<projection-name>} for a query without components
   */
  String route() default "";
}
