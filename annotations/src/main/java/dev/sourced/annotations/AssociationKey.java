package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the event component that says which instance of a {@link ProcessManager} an event belongs to, e.g. a
 * transfer id carried by the events of both accounts:
 *
 * <pre>{@code
 * @EventHandler @AssociationKey("transferId")
 * ProcessStep<Transfer> on(AccountDebited e, Transfer transfer) { ... }
 * }</pre>
 *
 * <p>On the process manager class it sets the default for every handler. Without it the instance is the event's
 * aggregate id. The processor requires the named component to exist on the handled event and to be a
 * {@link String}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AssociationKey {

  /**
   * The name of the event record component that holds the association key.
   *
   * @return the component name
   */
  String value();
}
