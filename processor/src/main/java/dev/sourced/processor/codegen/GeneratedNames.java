package dev.sourced.processor.codegen;

import com.squareup.javapoet.ClassName;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.ProjectionModel;
import dev.sourced.processor.model.UpcasterMethod;

/**
 * The name of every class the processor generates. Writers name what they write, and what they refer
 * to, only through here: the registry calls the dispatchers, the Lambdas and the app model name the
 * registry and codecs, the CDK stack names the Lambdas, and a renamed class cannot leave one of them
 * behind.
 */
public final class GeneratedNames {
  /** The simple name of the codecs class, which refers to itself in its own code. */
  static final String CODECS = "SourcedAppJson";
  private static final String PROJECTION = "Projection";

  private GeneratedNames() {}

  /** @return {@code ShoppingCart} → {@code ShoppingCartCommandDispatcher} */
  public static ClassName commandDispatcher(AggregateModel aggregate) {
    return sibling(aggregate.type(), "CommandDispatcher");
  }

  /** @return {@code ShoppingCart} → {@code ShoppingCartEventApplier} */
  public static ClassName eventApplier(AggregateModel aggregate) {
    return sibling(aggregate.type(), "EventApplier");
  }

  /** @return {@code CartSummaryProjection} → {@code CartSummaryProjectionEventDispatcher} */
  public static ClassName projectionDispatcher(ProjectionModel projection) {
    return sibling(projection.type(), "EventDispatcher");
  }

  /** @return the query dispatcher of a class declaring {@code @QueryHandler} methods */
  public static ClassName queryDispatcher(ClassName owner) {
    return sibling(owner, "QueryDispatcher");
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

  /** @return {@code ShoppingCart} → {@code ShoppingCartCommandsLambda} */
  public static ClassName commandsLambda(AggregateModel aggregate) {
    return sibling(aggregate.type(), "CommandsLambda");
  }

  /** @return {@code CartSummaryProjection} → {@code CartSummaryProjectionLambda} */
  public static ClassName projectionLambda(ProjectionModel projection) {
    return ClassName.get(projection.type().packageName(), baseName(projection) + "ProjectionLambda");
  }

  /** @return {@code CartSummaryProjection} → {@code CartSummaryQueriesLambda} */
  public static ClassName queriesLambda(ProjectionModel projection) {
    return ClassName.get(projection.type().packageName(), baseName(projection) + "QueriesLambda");
  }

  /** @return {@code shopping-cart} → {@code ShoppingCartStack}, in the registry's package + {@code .cdk} */
  public static ClassName cdkStack(AppModel model) {
    return ClassName.get(cdkPackage(model), pascal(model.name()) + "Stack");
  }

  /** @return {@code shopping-cart} → {@code ShoppingCartCdkApp}, next to the stack */
  public static ClassName cdkApp(AppModel model) {
    return ClassName.get(cdkPackage(model), pascal(model.name()) + "CdkApp");
  }

  private static String cdkPackage(AppModel model) {
    String registryPackage = registry(model).packageName();
    return registryPackage.isEmpty() ? "cdk" : registryPackage + ".cdk";
  }

  /** @return {@code shopping-cart} → {@code ShoppingCart} */
  static String pascal(String name) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (char c : name.toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    return out.toString();
  }

  /** {@code CartSummaryProjection} → {@code CartSummary}, so names do not say "Projection" twice. */
  private static String baseName(ProjectionModel projection) {
    String name = String.join("_", projection.type().simpleNames());
    return name.endsWith(PROJECTION) && name.length() > PROJECTION.length()
        ? name.substring(0, name.length() - PROJECTION.length()) : name;
  }

  /** A class generated next to a user class: nested names joined with '_', then the suffix. */
  private static ClassName sibling(ClassName user, String suffix) {
    return ClassName.get(user.packageName(), String.join("_", user.simpleNames()) + suffix);
  }
}
