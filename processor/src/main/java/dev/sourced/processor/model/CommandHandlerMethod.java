package dev.sourced.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * One {@code @CommandHandler}.
 *
 * @param name the command's kebab-case name
 * @param command the command record
 * @param method the handler method name
 * @param creation static: starts a stream
 * @param returns what the method returns
 * @param events the event records it may return (one, or the permitted records of a sealed interface),
 *     sorted; empty for void
 * @param aggregateIdComponent the command's {@code @AggregateId} component
 * @param route its HTTP route; for an internal command the default one, which no request reaches
 * @param takesContext whether the method takes a {@code CommandContext} last
 * @param claims the JWT claims it asks for, sorted; empty for none
 * @param internal whether only process managers send it ({@code @CommandHandler(internal = true)}): no route, not in
 *     the OpenAPI document
 * @param unique the command's {@code @Unique} components (creation commands only), sorted by scope; empty for none
 */
public record CommandHandlerMethod(
    String name,
    ClassName command,
    String method,
    boolean creation,
    Returns returns,
    List<ClassName> events,
    String aggregateIdComponent,
    Route route,
    boolean takesContext,
    List<String> claims,
    boolean internal,
    List<UniqueValue> unique) {

  public CommandHandlerMethod {
    events = List.copyOf(events);
    claims = List.copyOf(claims);
    unique = List.copyOf(unique);
  }

  /** The shapes a command handler may return. */
  public enum Returns {
    NOTHING,
    ONE_EVENT,
    EVENT_LIST
  }
}
