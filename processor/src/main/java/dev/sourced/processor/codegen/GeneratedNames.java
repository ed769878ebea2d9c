package dev.sourced.processor.codegen;

import com.palantir.javapoet.ClassName;
import dev.sourced.deployment.HandlerNames;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.ProcessManagerModel;
import dev.sourced.processor.model.ProjectionModel;
import dev.sourced.processor.model.UpcasterMethod;

/**
 * The name of every class the processor generates. Writers name what they write, and what they refer
 * to, only through here: the registry calls the dispatchers, the Lambdas and the app model name the
 * registry and codecs, and a renamed class cannot leave one of them behind. The Lambdas' names follow
 * {@link HandlerNames}, the rule by which the deployment description names them as handlers.
 *
 * <p>Dispatchers and Lambdas are nested classes of one generated class per package, {@code SourcedDispatchers} and
 * {@code SourcedLambdas}: javac's {@code Filer} compares every new file with every file created before it (a
 * cost that grows with the square of their number), and each file has its own cost to compile, so an application
 * of a thousand aggregates gets a few files rather than thousands.
 */
public final class GeneratedNames {
  /** The simple name of the codecs class, which refers to itself in its own code. */
  static final String CODECS = "SourcedAppJson";
  /** The simple name of the class, one per package, that holds the package's dispatchers. */
  public static final String DISPATCHERS = "SourcedDispatchers";

  private GeneratedNames() {}

  /**
   * @return {@code ShoppingCart} → {@code ShoppingCartDispatcher}, its command dispatcher and event applier in
   *     one class
   */
  public static ClassName aggregateDispatcher(AggregateModel aggregate) {
    return dispatcher(aggregate.type(), "Dispatcher");
  }

  /** @return {@code CartSummaryProjection} → {@code CartSummaryProjectionEventDispatcher} */
  public static ClassName projectionDispatcher(ProjectionModel projection) {
    return dispatcher(projection.type(), "EventDispatcher");
  }

  /**
   * @return {@code MoneyTransfer} → {@code MoneyTransferProcessDispatcher}, named as its Lambda is (a trailing
   *     {@code Process} is not said twice)
   */
  public static ClassName processManagerDispatcher(ProcessManagerModel processManager) {
    String lambda = HandlerNames.processManager(processManager.type().simpleNames());
    return ClassName.get(processManager.type().packageName(), DISPATCHERS,
        lambda.substring(0, lambda.length() - "Lambda".length()) + "Dispatcher");
  }

  /** @return the query dispatcher of a class declaring {@code @QueryHandler} methods */
  public static ClassName queryDispatcher(ClassName owner) {
    return dispatcher(owner, "QueryDispatcher");
  }

  /** @return the public bridge to the {@code @Upcaster} methods of a class */
  public static ClassName upcasterBridge(ClassName owner) {
    return sibling(owner, "Upcasters");
  }

  /** @return the bridge method that calls an upcaster: {@code fromCartOpenedV1} */
  public static String upcasterBridgeMethod(UpcasterMethod upcaster) {
    return "from" + String.join("", upcaster.from().simpleNames());
  }

  /** @return the application's registry, {@code SourcedApp} in the application's package */
  public static ClassName registry(AppModel model) {
    return ClassName.get(model.packageName(), "SourcedApp");
  }

  /** @return the application's JSON codecs, {@code SourcedAppJson} next to the registry */
  public static ClassName codecs(AppModel model) {
    return ClassName.get(model.packageName(), CODECS);
  }

  /** @return {@code ShoppingCart} → {@code ShoppingCartCommandsLambda}: the deployment's rule ({@link HandlerNames}), which names it as a handler */
  public static ClassName commandsLambda(AggregateModel aggregate) {
    return ClassName.get(aggregate.type().packageName(), HandlerNames.HOLDER, HandlerNames.commands(aggregate.type().simpleNames()));
  }

  /** @return {@code CartSummaryProjection} → {@code CartSummaryProjectionLambda} */
  public static ClassName projectionLambda(ProjectionModel projection) {
    return ClassName.get(projection.type().packageName(), HandlerNames.HOLDER, HandlerNames.projection(projection.type().simpleNames()));
  }

  /** @return {@code CartSummaryProjection} → {@code CartSummaryQueriesLambda} */
  public static ClassName queriesLambda(ProjectionModel projection) {
    return ClassName.get(projection.type().packageName(), HandlerNames.HOLDER, HandlerNames.queries(projection.type().simpleNames()));
  }

  /** @return {@code MoneyTransfer} → {@code MoneyTransferProcessLambda} */
  public static ClassName processManagerLambda(ProcessManagerModel processManager) {
    return ClassName.get(processManager.type().packageName(), HandlerNames.HOLDER, HandlerNames.processManager(processManager.type().simpleNames()));
  }

  /** A dispatcher of a user class, in its package's {@link #DISPATCHERS}: nested names joined with '_', then the suffix. */
  private static ClassName dispatcher(ClassName user, String suffix) {
    return ClassName.get(user.packageName(), DISPATCHERS, String.join("_", user.simpleNames()) + suffix);
  }

  /** A class generated next to a user class: nested names joined with '_', then the suffix. */
  private static ClassName sibling(ClassName user, String suffix) {
    return ClassName.get(user.packageName(), String.join("_", user.simpleNames()) + suffix);
  }
}
