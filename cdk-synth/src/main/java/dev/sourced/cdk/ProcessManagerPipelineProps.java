package dev.sourced.cdk;

import dev.sourced.deployment.Deployment;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;

/**
 * Props of a {@link ProcessManagerPipeline}: the shared {@link SourcedFunctionOptions}, the process manager's
 * resources from the deployment description, and the resources it names (the event table and the bus, created before).
 */
public final class ProcessManagerPipelineProps extends SourcedFunctionOptions {
  private final Deployment.Process process;
  private final DeployedResources resources;
  private final RemovalPolicy removalPolicy;
  private final Boolean deletionProtection;

  private ProcessManagerPipelineProps(Builder builder) {
    super(builder);
    this.process = required(builder.process, "process (Deployment.process(name))", ProcessManagerPipelineProps.class);
    this.resources = required(builder.resources, "resources", ProcessManagerPipelineProps.class);
    this.removalPolicy = builder.removalPolicy;
    this.deletionProtection = builder.deletionProtection;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return the process manager's table, queues, rule and function, from {@code Deployment.process(name)} */
  public Deployment.Process getProcess() {
    return process;
  }

  /** @return the resources it names besides its own: the event table and the bus */
  public DeployedResources getResources() {
    return resources;
  }

  /** @return what deleting the stack does to the process manager's state table; default {@link RemovalPolicy#RETAIN} */
  public RemovalPolicy getRemovalPolicy() {
    return removalPolicy;
  }

  /** @return whether the tables are protected from deletion; default: when they are retained ({@link RemovalPolicy#RETAIN}) */
  public Boolean getDeletionProtection() {
    return deletionProtection;
  }

  /** Builds {@link ProcessManagerPipelineProps}; {@code code}, {@code process} and {@code resources} are required. */
  public static final class Builder extends SourcedFunctionOptions.Builder<Builder> {
    private Deployment.Process process;
    private DeployedResources resources;
    private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;
    private Boolean deletionProtection;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    public Builder process(Deployment.Process process) {
      this.process = process;
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

    public ProcessManagerPipelineProps build() {
      return new ProcessManagerPipelineProps(this);
    }
  }
}
