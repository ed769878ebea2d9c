package dev.sourced.cdk;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;

/**
 * What the props of a pipeline that owns a table share: the {@link SourcedFunctionOptions}, the resources it names
 * besides its own (the event table and the bus, created before), and what deleting the stack does to its table.
 */
public abstract class PipelineProps extends SourcedFunctionOptions {
  private final DeployedResources resources;
  private final RemovalPolicy removalPolicy;
  private final Boolean deletionProtection;
  private final boolean nestedStack;

  protected PipelineProps(Builder<?> builder, Class<?> props) {
    super(builder);
    this.resources = required(builder.resources, "resources", props);
    this.removalPolicy = builder.removalPolicy;
    this.deletionProtection = builder.deletionProtection;
    this.nestedStack = builder.nestedStack;
  }

  /** @return the resources it names besides its own: the event table and the bus */
  public DeployedResources getResources() {
    return resources;
  }

  /** @return what deleting the stack does to its table; default {@link RemovalPolicy#RETAIN} */
  public RemovalPolicy getRemovalPolicy() {
    return removalPolicy;
  }

  /** @return whether its tables are protected from deletion; default: when they are retained ({@link RemovalPolicy#RETAIN}) */
  public Boolean getDeletionProtection() {
    return deletionProtection;
  }

  /**
   * @return whether what the pipeline deploys besides its state goes into a nested stack of its own ({@link ComponentStack});
   *     default false
   */
  public boolean getNestedStack() {
    return nestedStack;
  }

  /** Builds pipeline props; {@code code} and {@code resources} are required. */
  public abstract static class Builder<B extends Builder<B>> extends SourcedFunctionOptions.Builder<B> {
    private DeployedResources resources;
    private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;
    private Boolean deletionProtection;
    private boolean nestedStack;

    protected Builder() {}

    public B resources(DeployedResources resources) {
      this.resources = resources;
      return self();
    }

    /** @param removalPolicy default {@link RemovalPolicy#RETAIN} */
    public B removalPolicy(RemovalPolicy removalPolicy) {
      this.removalPolicy = Objects.requireNonNull(removalPolicy, "removalPolicy");
      return self();
    }

    /** @param nestedStack whether what it deploys besides its state goes into a nested stack of its own; default false */
    public B nestedStack(boolean nestedStack) {
      this.nestedStack = nestedStack;
      return self();
    }

    /** @param deletionProtection default: on when the tables are retained */
    public B deletionProtection(Boolean deletionProtection) {
      this.deletionProtection = deletionProtection;
      return self();
    }
  }
}
