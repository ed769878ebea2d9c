package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an event record: appending the event releases the value its stream holds in each named scope (see
 * {@link Unique}), in the event's transaction, so another instance of the aggregate may claim it.
 *
 * <pre>{@code
 * @ReleasesUnique("account-number")
 * public record AccountClosed(String accountId) {}
 * }</pre>
 *
 * <p>A stream holding no value in the scope releases nothing. The processor requires every aggregate that
 * emits the event to claim each scope in one of its creation commands.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ReleasesUnique {

  /**
   * The scopes whose values the event releases.
   *
   * @return one or more scopes, lower-case kebab case
   */
  String[] value();
}
