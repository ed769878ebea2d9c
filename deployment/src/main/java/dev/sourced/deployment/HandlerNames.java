package dev.sourced.deployment;

import java.util.List;

/**
 * The class names of the generated Lambda entry points, which the processor writes and the deployment
 * names as handlers: the one rule for both. Each is a class nested in {@code SourcedLambdas}, one class per
 * package of the user's classes (one generated file however many functions the package has), named after the
 * user's class (nested names joined with {@code _}): {@code ShoppingCart} → {@code SourcedLambdas.ShoppingCartCommandsLambda};
 * {@code CartSummaryProjection} → {@code SourcedLambdas.CartSummaryProjectionLambda} and
 * {@code SourcedLambdas.CartSummaryQueriesLambda} (a trailing {@code Projection} is not said twice). Lambda loads a
 * handler by its binary name: {@code shop.SourcedLambdas$ShoppingCartCommandsLambda}.
 */
public final class HandlerNames {
  /** The publisher's handler, shipped in the runtime. */
  public static final String PUBLISHER = "dev.sourced.runtime.lambda.EventPublisherLambda";
  /** A projection's replay reader's handler, shipped in the runtime (it finds the app's registry on the class path). */
  public static final String REPLAY = "dev.sourced.runtime.lambda.ReplayLambda";

  /** The longest handler AWS Lambda accepts ({@code Handler} of {@code CreateFunction}), in characters. */
  public static final int MAX_HANDLER_LENGTH = 128;
  /** What the stack appends to a handler class: the method Lambda calls. */
  public static final String METHOD = "::handleRequest";
  /** The simple name of the class, one per package, that holds the package's Lambda entry points. */
  public static final String HOLDER = "SourcedLambdas";

  private HandlerNames() {}

  /** @return the simple name of an aggregate's command Lambda (nested in {@link #HOLDER}) */
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

  /** @return the binary name Lambda loads: {@code shop.SourcedLambdas$ShoppingCartCommandsLambda} */
  public static String handlerClass(String packageName, String simpleName) {
    return (packageName.isEmpty() ? "" : packageName + ".") + HOLDER + "$" + simpleName;
  }

  private static String base(List<String> simpleNames) {
    String name = String.join("_", simpleNames);
    return name.endsWith("Projection") && name.length() > "Projection".length()
        ? name.substring(0, name.length() - "Projection".length()) : name;
  }
}
