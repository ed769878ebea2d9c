package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Derives the view key of an {@link EventHandler} from a component of its event instead of the event's
 * stream id, for views that span streams, e.g. all carts of a customer:
 *
 * <pre>{@code
 * @EventHandler @ViewKey("customerId")
 * CustomerCarts on(CartOpened e, CustomerCarts current) { ... }
 * }</pre>
 *
 * <p>On the projection class it sets the default for every handler of the projection. The processor
 * requires the named component to exist on the handled event and to be a {@link String}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ViewKey {

  /**
   * The name of the event record component that holds the view key.
   *
   * @return the component name
   */
  String value();
}
