package dev.sourced.cdk;

import dev.sourced.deployment.Deployment;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;

/**
 * Props of a {@link ProjectionPipeline}: the shared {@link SourcedFunctionOptions}, the projection's pipeline
 * from the deployment description, and the resources it names (the event table and the bus, created before).
 */
public final class ProjectionPipelineProps extends SourcedFunctionOptions {
  private final Deployment.Pipeline pipeline;
  private final DeployedResources resources;
  private final RemovalPolicy removalPolicy;
  private final Boolean deletionProtection;

  private ProjectionPipelineProps(Builder builder) {
    super(builder);
    this.pipeline = required(builder.pipeline, "pipeline (Deployment.pipeline(name))", ProjectionPipelineProps.class);
    this.resources = required(builder.resources, "resources", ProjectionPipelineProps.class);
    this.removalPolicy = builder.removalPolicy;
    this.deletionProtection = builder.deletionProtection;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return the projection's table, queues, rule and function, from {@code Deployment.pipeline(name)} */
  public Deployment.Pipeline getPipeline() {
    return pipeline;
  }

  /** @return the resources it names besides its own: the event table and the bus */
  public DeployedResources getResources() {
    return resources;
  }

  /** @return what deleting the stack does to the projection's table; default {@link RemovalPolicy#RETAIN} */
  public RemovalPolicy getRemovalPolicy() {
    return removalPolicy;
  }

  /** @return whether the tables are protected from deletion; default: when they are retained ({@link RemovalPolicy#RETAIN}) */
  public Boolean getDeletionProtection() {
    return deletionProtection;
  }

  /** Builds {@link ProjectionPipelineProps}; {@code code}, {@code pipeline} and {@code resources} are required. */
  public static final class Builder extends SourcedFunctionOptions.Builder<Builder> {
    private Deployment.Pipeline pipeline;
    private DeployedResources resources;
    private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;
    private Boolean deletionProtection;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    public Builder pipeline(Deployment.Pipeline pipeline) {
      this.pipeline = pipeline;
      return this;
    }

    public Builder resources(DeployedResources resources) {
      this.resources = resources;
      return this;
    }

    /** @param removalPolicy default {@link RemovalPolicy#RETAIN} */
    public Builder removalPolicy(RemovalPolicy removalPolicy) {
      this.removalPolicy = Objects.requireNonNull(removalPolicy, "removalPolicy");
      return this;
    }

    /** @param deletionProtection default: on when the tables are retained */
    public Builder deletionProtection(Boolean deletionProtection) {
      this.deletionProtection = deletionProtection;
      return this;
    }

    public ProjectionPipelineProps build() {
      return new ProjectionPipelineProps(this);
    }
  }
}
