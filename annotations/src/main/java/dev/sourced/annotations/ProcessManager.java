package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that runs a workflow across aggregates (Axon's saga): its {@link EventHandler} methods react
 * to events of any aggregates, each for the instance the event's {@link AssociationKey} names, and return a
 * {@link dev.sourced.api.ProcessStep}: the instance's next state and the commands to send. Handlers are plain
 * functions; the framework sends the commands in-process through the command bus, each with an idempotency key
 * derived from the triggering event, and commits the state with the stream's checkpoint as a projection commits
 * a view, so a redelivered event never sends a command twice in effect.
 *
 * <pre>{@code
 * @ProcessManager(name = "money-transfer", sends = {DebitForTransfer.class, CreditForTransfer.class})
 * @AssociationKey("transferId")
 * public class MoneyTransfer {
 *   @EventHandler ProcessStep<Transfer> on(TransferRequested e) {
 *     return ProcessStep.of(new Transfer(e.transferId(), e.from(), e.to(), e.amount()))
 *         .send(new DebitForTransfer(e.from(), e.transferId(), e.amount()));
 *   }
 *   @RejectionHandler ProcessStep<Transfer> on(CreditForTransfer c, DomainException refused, Transfer t) { ... }
 * }
 * }</pre>
 *
 * <p>Each process manager gets its own rule, queue, dead-letter queue, state table and Lambda. It starts with the
 * events published after it is deployed: its history is never replayed, because replaying would decide commands
 * again.
 *
 * <p>The processor requires: a public, non-abstract, non-generic class with a non-private no-arg constructor; a
 * name valid as a fragment of AWS resource names and unique among projections and process managers; every
 * handler returning {@code ProcessStep} of the same state record; every command it sends listed in
 * {@link #sends()} and handled by an aggregate of the application.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ProcessManager {

  /**
   * The process manager's name, used in resource names. Lower-case kebab case, 1 to 40 characters:
   * {@code [a-z][a-z0-9]*(-[a-z0-9]+)*}.
   *
   * @return the name
   */
  String name();

  /**
   * Every command record its handlers may send. Its function may append only to the aggregates handling these;
   * a command of another type is refused when sent. A command handler marked
   * {@link CommandHandler#internal() internal} must be listed by some process manager.
   *
   * @return the command record types
   */
  Class<? extends Record>[] sends() default {};
}
