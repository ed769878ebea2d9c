package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a {@link String} value unique across all instances of an aggregate, within a named scope.
 *
 * <p>On a component of a <b>creation command</b> (the command of a static {@link CommandHandler}) it
 * claims the value for the new stream: the reservation is written in the same transaction as the stream's
 * first events, and a command claiming a value another stream holds is refused (HTTP 409
 * {@code unique-value-taken}), nothing written.
 *
 * <pre>{@code
 * public record OpenAccount(@AggregateId String accountId, @Unique("account-number") String number) {}
 * }</pre>
 *
 * <p>On a component of an <b>event</b> it moves the stream's value of that scope to the component's value
 * when the event is appended (the old value is released, the new one claimed, in the event's transaction);
 * a {@code null} value releases it. Release a value without a new one with {@link ReleasesUnique}.
 *
 * <pre>{@code
 * public record EmailChanged(String customerId, @Unique("email") String email) {}
 * }</pre>
 *
 * <p>Values are compared exactly as given: {@code Ann@example.com} and {@code ann@example.com} are two
 * values. Normalize them in the command (or the client) when they should be one. The processor requires a
 * String component, a scope in lower-case kebab case of at most 40 characters, a creation command (on
 * commands), and that every aggregate emitting an event that moves a scope claims that scope in one of its
 * creation commands.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Unique {

  /**
   * The scope: values are unique within it, per aggregate, e.g. {@code "email"}.
   *
   * @return lower-case kebab case, at most 40 characters
   */
  String value();
}
