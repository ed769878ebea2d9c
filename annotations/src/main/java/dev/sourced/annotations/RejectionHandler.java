package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link ProcessManager} that is told when a command it sent was rejected, so the workflow
 * can compensate instead of being retried forever:
 *
 * <pre>{@code
 * @RejectionHandler
 * ProcessStep<Transfer> on(CreditForTransfer command, DomainException rejection, Transfer transfer) {
 *   return ProcessStep.of(transfer.failed(rejection.code()))
 *       .send(new RefundTransfer(transfer.from(), transfer.id(), transfer.amount()));
 * }
 * }</pre>
 *
 * The command is one the process manager {@link ProcessManager#sends() sends}; the rejection is the aggregate's
 * {@link dev.sourced.api.DomainException}, or one with code {@code stream-not-found} (a command to an aggregate that
 * does not exist) or {@code stream-already-exists} (a creation command for one that does). The state is the
 * instance's state after the step that sent the command. A rejection without a handler is logged and the workflow
 * goes on.
 *
 * <p>The processor requires: an instance method, not private, without checked exceptions, taking the command
 * record, a {@code DomainException} and the state record, returning {@code ProcessStep} of the state record; at
 * most one handler per command type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface RejectionHandler {}
