package dev.sourced.cdk;

import dev.sourced.deployment.Deployment;

/**
 * Props of a {@link ProjectionPipeline}: the shared {@link PipelineProps}, and the projection's pipeline from the
 * deployment description.
 */
public final class ProjectionPipelineProps extends PipelineProps {
  private final Deployment.Pipeline pipeline;

  private ProjectionPipelineProps(Builder builder) {
    super(builder, ProjectionPipelineProps.class);
    this.pipeline = required(builder.pipeline, "pipeline (Deployment.pipeline(name))", ProjectionPipelineProps.class);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return the projection's table, queues, rule and function, from {@code Deployment.pipeline(name)} */
  public Deployment.Pipeline getPipeline() {
    return pipeline;
  }

  /** Builds {@link ProjectionPipelineProps}; {@code code}, {@code pipeline} and {@code resources} are required. */
  public static final class Builder extends PipelineProps.Builder<Builder> {
    private Deployment.Pipeline pipeline;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    public Builder pipeline(Deployment.Pipeline pipeline) {
      this.pipeline = pipeline;
      return this;
    }

    public ProjectionPipelineProps build() {
      return new ProjectionPipelineProps(this);
    }
  }
}
