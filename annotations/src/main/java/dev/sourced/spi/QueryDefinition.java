package dev.sourced.spi;

import dev.sourced.api.Views;
import java.util.List;

/**
 * One query.
 *
 * @param name kebab-case name of the query record, e.g. {@code get-cart-summary}
 * @param type the query record class
 * @param projection the name of the projection whose views it reads
 * @param route the HTTP route; components not in the path are query-string parameters
 * @param components the query record's component names, in declaration order
 * @param invoker generated call of the {@code @QueryHandler} method
 */
public record QueryDefinition(
    String name,
    Class<? extends Record> type,
    String projection,
    CommandDefinition.Route route,
    List<String> components,
    Invoker invoker) {

  public QueryDefinition {
    components = List.copyOf(components);
  }

  /** Generated call of one query handler. */
  @FunctionalInterface
  public interface Invoker {
    /**
     * @param query the query record
     * @param views the projection's views
     * @return the answer; {@code null} or an empty {@code Optional} for "not found"
     */
    Object invoke(Record query, Views<?> views);
  }
}
