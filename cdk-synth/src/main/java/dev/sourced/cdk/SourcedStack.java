package dev.sourced.cdk;

import dev.sourced.deployment.Deployment;
import dev.sourced.spi.SourcedApplication;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The stack of a Sourced application: one {@link SourcedBackend} (construct id {@code Backend}) built from
 * the app's {@link Deployment}, with termination protection unless {@code props} say otherwise. Nothing is generated for it: the registry the processor generates is
 * enough, so the application's jar and its Lambda bundle carry no CDK class.
 *
 * <pre>{@code
 * new SourcedStack(app, "ShoppingCart", StackProps.builder().build(),
 *     SourcedStack.backendProps(ShoppingCartApp.INSTANCE).code(LambdaBundle.in(Path.of("target"))).build());
 * }</pre>
 */
public final class SourcedStack extends Stack {
  private final SourcedBackend backend;

  /**
   * @param backend the deployment, the bundle and sizing of the functions, API authorization, alarm topic,
   *     data removal policy: start from {@link #backendProps(SourcedApplication)}
   */
  public SourcedStack(Construct scope, String id, StackProps props, SourcedBackendProps backend) {
    super(scope, id, props);
    if (props.getTerminationProtection() == null) {
      setTerminationProtection(true); // the stack holds the event store: deleting it takes an explicit step
    }
    this.backend = new SourcedBackend(this, "Backend", backend);
  }

  /**
   * @return a builder of an app's backend props with its deployment set, and its stack layout from system property
   *     {@code sourced.stackLayout} when set (as {@code sourced:synth}'s {@code stackLayout} sets it for any CDK app it
   *     runs); add at least {@code code}
   */
  public static SourcedBackendProps.Builder backendProps(SourcedApplication app) {
    SourcedBackendProps.Builder props = SourcedBackendProps.builder().deployment(Deployment.of(app));
    String layout = System.getProperty("sourced.stackLayout");
    return layout == null || layout.isBlank() ? props : props.stackLayout(StackLayout.of(layout));
  }

  /** @return the constructs, to add to or look into */
  public SourcedBackend backend() {
    return backend;
  }
}
