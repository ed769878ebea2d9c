package dev.sourced.spi;

import dev.sourced.api.DomainException;
import dev.sourced.api.EventMetadata;
import dev.sourced.api.ProcessStep;

/**
 * Generated per process manager: calls its {@code @EventHandler} and {@code @RejectionHandler} methods.
 *
 * @param <S> the state record
 */
public interface ProcessManagerDispatcher<S> {

  /**
   * @param event an event record of the newest revision
   * @return whether a handler takes it
   */
  boolean handles(Record event);

  /**
   * @param event an event it {@link #handles}
   * @param metadata its metadata
   * @return the instance it belongs to: the {@code @AssociationKey} component, else the aggregate id
   */
  String associationKey(Record event, EventMetadata metadata);

  /**
   * @param event an event it {@link #handles}
   * @param metadata its metadata
   * @param current the instance's state, {@code null} if it has none
   * @return the handler's step, never null
   */
  ProcessStep<S> on(Record event, EventMetadata metadata, S current);

  /**
   * @param command a command the process manager sent
   * @param rejection why the command was rejected
   * @param current the instance's state when it sent the command
   * @return the rejection handler's step, or {@code null} when it has none for the command's type
   */
  ProcessStep<S> rejected(Record command, DomainException rejection, S current);

  /**
   * @param deadline the name of a deadline that came due
   * @param current the instance's state
   * @return its {@code @DeadlineHandler}'s step, or {@code null} when it has none of that name
   */
  default ProcessStep<S> deadline(String deadline, S current) {
    return null;
  }
}
