package dev.sourced.deployment;

import java.util.List;

/**
 * The class names of the generated Lambda entry points, which the processor writes and the deployment
 * names as handlers: the one rule for both. A class beside the user's class, named after it (nested
 * names joined with {@code _}): {@code ShoppingCart} → {@code ShoppingCartCommandsLambda};
 * {@code CartSummaryProjection} → {@code CartSummaryProjectionLambda} and {@code CartSummaryQueriesLambda}
 * (a trailing {@code Projection} is not said twice).
 */
public final class HandlerNames {
  /** The publisher's handler, shipped in the runtime. */
  public static final String PUBLISHER = "dev.sourced.runtime.lambda.EventPublisherLambda";
  /** A projection's replay reader's handler, shipped in the runtime (it finds the app's registry on the class path). */
  public static final String REPLAY = "dev.sourced.runtime.lambda.ReplayLambda";

  private HandlerNames() {}

  /** @return the simple name of an aggregate's command Lambda */
  public static String commands(List<String> aggregateSimpleNames) {
    return String.join("_", aggregateSimpleNames) + "CommandsLambda";
  }

  /** @return the simple name of a projection's Lambda */
  public static String projection(List<String> projectionSimpleNames) {
    return base(projectionSimpleNames) + "ProjectionLambda";
  }

  /** @return the simple name of a projection's query Lambda */
  public static String queries(List<String> projectionSimpleNames) {
    return base(projectionSimpleNames) + "QueriesLambda";
  }

  /** @return the simple name of a process manager's Lambda: {@code MoneyTransfer} → {@code MoneyTransferProcessLambda} */
  public static String processManager(List<String> processManagerSimpleNames) {
    String name = String.join("_", processManagerSimpleNames);
    return (name.endsWith("Process") && name.length() > "Process".length()
        ? name.substring(0, name.length() - "Process".length()) : name) + "ProcessLambda";
  }

  static String qualified(String packageName, String simpleName) {
    return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
  }

  private static String base(List<String> simpleNames) {
    String name = String.join("_", simpleNames);
    return name.endsWith("Projection") && name.length() > "Projection".length()
        ? name.substring(0, name.length() - "Projection".length()) : name;
  }
}
