package dev.sourced.processor.model;

import com.squareup.javapoet.ClassName;

/**
 * One {@code @CommandHandler}.
 *
 * @param name the command's kebab-case name
 * @param command the command record
 * @param method the handler method name
 * @param creation static: starts a stream
 * @param returns what the method returns
 * @param event the event record it returns (single or list), {@code null} for void
 * @param aggregateIdComponent the command's {@code @AggregateId} component
 * @param route its HTTP route
 */
public record CommandHandlerMethod(
    String name,
    ClassName command,
    String method,
    boolean creation,
    Returns returns,
    ClassName event,
    String aggregateIdComponent,
    Route route) {

  /** The shapes a command handler may return. */
  public enum Returns {
    NOTHING,
    ONE_EVENT,
    EVENT_LIST
  }
}
