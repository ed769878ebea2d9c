package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link ProcessManager} that runs when a deadline its steps set
 * ({@link dev.sourced.api.ProcessStep#schedule}) comes due, unless it was cancelled, set again, or the instance ended:
 *
 * <pre>{@code
 * @DeadlineHandler("transfer-timeout")
 * ProcessStep<Transfer> timedOut(Transfer transfer) {
 *   return ProcessStep.<Transfer>end().send(new FailTransfer(transfer.id(), "timed-out"));
 * }
 * }</pre>
 *
 * A deadline runs once in effect: it is delivered by EventBridge Scheduler (locally, the local cloud's scheduler) to
 * the process manager's queue, and its step commits with the instance's state, which forgets the deadline.
 *
 * <p>The processor requires: an instance method, not private, without checked exceptions, taking the state record and
 * returning {@code ProcessStep} of it; a name in lower-case kebab case of 1 to 40 characters; one handler per name.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DeadlineHandler {

  /**
   * The deadline's name, as the steps that set it give it.
   *
   * @return the name
   */
  String value();
}
