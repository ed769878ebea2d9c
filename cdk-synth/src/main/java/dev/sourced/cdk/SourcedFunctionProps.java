package dev.sourced.cdk;

import dev.sourced.deployment.FunctionSpec;

/**
 * Props of a {@link SourcedFunction}: the shared {@link SourcedFunctionOptions} plus the function's entry in
 * the deployment description (handler, settings, grants) and the resources those name.
 */
public final class SourcedFunctionProps extends SourcedFunctionOptions {
  private final FunctionSpec function;
  private final DeployedResources resources;

  private SourcedFunctionProps(Builder builder) {
    super(builder);
    this.function = required(builder.function, "function (from Deployment.of(app))", SourcedFunctionProps.class);
    this.resources = required(builder.resources, "resources", SourcedFunctionProps.class);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return the function as the deployment description has it */
  public FunctionSpec getFunction() {
    return function;
  }

  /** @return the constructs its settings and grants name */
  public DeployedResources getResources() {
    return resources;
  }

  /** Builds {@link SourcedFunctionProps}; {@code code}, {@code function} and {@code resources} are required. */
  public static final class Builder extends SourcedFunctionOptions.Builder<Builder> {
    private FunctionSpec function;
    private DeployedResources resources;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** @param function the function's entry in the deployment description; required */
    public Builder function(FunctionSpec function) {
      this.function = function;
      return this;
    }

    /** @param resources the constructs its settings and grants name; required */
    public Builder resources(DeployedResources resources) {
      this.resources = resources;
      return this;
    }

    public SourcedFunctionProps build() {
      return new SourcedFunctionProps(this);
    }
  }
}
