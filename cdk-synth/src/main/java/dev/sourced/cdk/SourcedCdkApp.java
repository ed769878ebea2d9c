package dev.sourced.cdk;

import dev.sourced.spi.SourcedApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app of the Sourced application on the class path, for {@code cdk synth} and {@code cdk deploy}:
 * one {@link SourcedStack} named after the app ({@code shopping-cart} → {@code ShoppingCart}). It deploys the
 * Lambda bundle {@code target/*-lambda.jar} (build it with {@code mvn package}; system property
 * {@code sourced.target} names another folder) and writes the cloud assembly to {@code CDK_OUTDIR} (set by the
 * CDK CLI) or the first argument. With several applications on the class path, system property
 * {@code sourced.app} names the one to deploy. System property {@code sourced.stackLayout} ({@code one-stack},
 * {@code nested} or {@code nested-with-routes}; {@code sourced:synth}'s {@code stackLayout}) says how the backend spreads over
 * stacks ({@link StackLayout}), through {@link SourcedStack#backendProps}.
 */
public final class SourcedCdkApp {
  private SourcedCdkApp() {}

  public static void main(String[] args) {
    SourcedApplication application = application(System.getProperty("sourced.app"));
    App app = new App(AppProps.builder().outdir(args.length > 0 ? args[0] : System.getenv("CDK_OUTDIR")).build());
    new SourcedStack(app, SourcedBackend.id("", application.name()),
        StackProps.builder().description("Sourced application " + application.name()).build(),
        SourcedStack.backendProps(application).code(LambdaBundle.in(Path.of(System.getProperty("sourced.target", "target")))).build());
    app.synth();
  }

  /** @return the application of that name on the class path, or the only one when {@code name} is null */
  static SourcedApplication application(String name) {
    List<SourcedApplication> found = new ArrayList<>();
    ServiceLoader.load(SourcedApplication.class).forEach(found::add);
    List<SourcedApplication> matching = found.stream().filter(a -> name == null || a.name().equals(name)).toList();
    if (matching.size() != 1) {
      throw new IllegalStateException((matching.isEmpty() ? "no" : "several") + " Sourced application" + (name == null ? "s" : " '" + name + "'")
          + " on the class path (found: " + found.stream().map(SourcedApplication::name).toList() + "); "
          + (matching.isEmpty() ? "compile it with the Sourced processor" : "name one with -Dsourced.app=<name>"));
    }
    return matching.get(0);
  }
}
