package dev.sourced.cdk;

import dev.sourced.deployment.Deployment;

/**
 * Props of a {@link ProcessManagerPipeline}: the shared {@link PipelineProps}, and the process manager's resources from
 * the deployment description.
 */
public final class ProcessManagerPipelineProps extends PipelineProps {
  private final Deployment.Process process;

  private ProcessManagerPipelineProps(Builder builder) {
    super(builder, ProcessManagerPipelineProps.class);
    this.process = required(builder.process, "process (Deployment.process(name))", ProcessManagerPipelineProps.class);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return the process manager's table, queues, rule and function, from {@code Deployment.process(name)} */
  public Deployment.Process getProcess() {
    return process;
  }

  /** Builds {@link ProcessManagerPipelineProps}; {@code code}, {@code process} and {@code resources} are required. */
  public static final class Builder extends PipelineProps.Builder<Builder> {
    private Deployment.Process process;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    public Builder process(Deployment.Process process) {
      this.process = process;
      return this;
    }

    public ProcessManagerPipelineProps build() {
      return new ProcessManagerPipelineProps(this);
    }
  }
}
