package dev.sourced.spi;

import java.util.List;

/**
 * One command an aggregate handles.
 *
 * @param name the command's kebab-case name, e.g. {@code add-item}
 * @param type the command record class
 * @param creation whether its handler is static and so starts a new stream
 * @param aggregateIdComponent the name of the {@code @AggregateId} component
 * @param route the HTTP route
 * @param claims the JWT claims its handler asked for ({@code @CommandHandler(claims = ...)}), sorted; empty for none
 * @param internal whether only process managers send it ({@code @CommandHandler(internal = true)}): it has no route
 *     that reaches it; {@code route} is then the one it would have, for messages only
 * @param unique the components declared {@code @Unique} (creation commands only), whose values the new stream
 *     claims, sorted by scope; empty for none
 */
public record CommandDefinition(
    String name, Class<? extends Record> type, boolean creation, String aggregateIdComponent, Route route,
    List<String> claims, boolean internal, List<UniqueValue> unique) {

  public CommandDefinition {
    claims = List.copyOf(claims);
    unique = List.copyOf(unique);
  }

  /** A public command that claims no unique value. */
  public CommandDefinition(String name, Class<? extends Record> type, boolean creation, String aggregateIdComponent,
      Route route, List<String> claims) {
    this(name, type, creation, aggregateIdComponent, route, claims, false, List.of());
  }

  /** A command that claims no unique value. */
  public CommandDefinition(String name, Class<? extends Record> type, boolean creation, String aggregateIdComponent,
      Route route, List<String> claims, boolean internal) {
    this(name, type, creation, aggregateIdComponent, route, claims, internal, List.of());
  }

  /** A public command that claims unique values. */
  public CommandDefinition(String name, Class<? extends Record> type, boolean creation, String aggregateIdComponent,
      Route route, List<String> claims, List<UniqueValue> unique) {
    this(name, type, creation, aggregateIdComponent, route, claims, false, unique);
  }

  /** A command whose handler asks for no claims. */
  public CommandDefinition(String name, Class<? extends Record> type, boolean creation, String aggregateIdComponent,
      Route route) {
    this(name, type, creation, aggregateIdComponent, route, List.of(), false, List.of());
  }

  /**
   * The route of a command or query: an HTTP method and a path template whose {@code {parameters}} name
   * record components.
   *
   * @param method {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}
   * @param path e.g. {@code /shopping-cart/{cartId}/add-item}
   * @param pathParameters the parameter names in the order they appear in the path
   */
  public record Route(String method, String path, List<String> pathParameters) {
    public Route {
      pathParameters = List.copyOf(pathParameters);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }
}
