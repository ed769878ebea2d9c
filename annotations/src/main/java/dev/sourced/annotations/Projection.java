package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose {@link EventHandler} methods fold events into a view (a read model) or react to
 * them. Each projection gets its own queue, table and Lambda; views and the per-stream checkpoint move
 * together in one transaction, so a view stays exact under duplicated, reordered and replayed delivery.
 *
 * <p>The processor requires: a public, non-abstract, non-generic class with a non-private no-arg
 * constructor; a name valid as a fragment of AWS resource names; names unique in the application; every
 * managed handler returning the same view record type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Projection {

  /**
   * The projection's name, used in resource names and query routes ({@code GET /<name>/{key}}).
   * Lower-case kebab case, 1 to 40 characters: {@code [a-z][a-z0-9]*(-[a-z0-9]+)*}.
   *
   * @return the name
   */
  String name();

  /**
   * The projection's version. Raising it gives the projection a new table that is rebuilt from the
   * event history (replay) while the old one keeps serving.
   *
   * @return the version, 1 or more; default 1
   */
  int version() default 1;
}
