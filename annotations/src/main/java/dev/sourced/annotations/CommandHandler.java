package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an {@link Aggregate} that decides events from a command.
 *
 * <p>A <b>static</b> handler is a creation handler: it starts a new stream and may not run on a stream
 * that already exists; it must return at least one event. An <b>instance</b> handler runs on the
 * aggregate rebuilt from its events and may return nothing when the command changes nothing.
 *
 * <p>The processor requires: the command record as the first parameter, optionally followed by a
 * {@link dev.sourced.api.CommandContext} as the last (who sent the command, its correlation and idempotency
 * key; no other handler may take one); a return type that is an event
 * record, a {@code List} of event records, or {@code void} (instance handlers only); no checked
 * exceptions (throw {@link dev.sourced.api.DomainException} to reject a command); not private; one
 * handler per command type in the whole application.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CommandHandler {

  /**
   * The HTTP route, {@code "<METHOD> /path/{param}"}. Path parameters must name components of the
   * command record, and the route must not collide with another command's or query's route.
   *
   * @return the route; empty means {@code POST /<aggregate-name>/{<aggregate-id>}/<command-kebab>}
   */
  String route() default "";

  /**
   * The JWT claims the handler reads from {@link dev.sourced.api.CommandContext#caller()}, e.g.
   * {@code {"email", "cognito:groups"}}. Only these are taken from the token the HTTP API's JWT authorizer
   * verified; others never reach the handler. At most {@value dev.sourced.api.Caller#MAX_CLAIMS} names of 1 to
   * {@value dev.sourced.api.Caller#MAX_CLAIM_NAME_CHARS} characters; the handler must take a
   * {@code CommandContext}. IAM-authorized callers carry no claims.
   *
   * @return claim names; empty (the default) for none
   */
  String[] claims() default {};

  /**
   * Whether the command is internal: it has no HTTP route and is not in the OpenAPI document, so only process
   * managers send it (in-process, through the command bus). The processor requires an internal command to be listed
   * in some {@link ProcessManager#sends()}, and no {@link #route()}.
   *
   * @return true for an internal command; default false
   */
  boolean internal() default false;
}
