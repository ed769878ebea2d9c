package dev.sourced.cdk;

import dev.sourced.deployment.FunctionSpec;
import dev.sourced.deployment.QueueSpec;

/**
 * Props of an {@link EventPublisher}: the shared {@link SourcedFunctionOptions}, the publisher and its failure
 * queue from the deployment description, and the resources they name (the event table and the bus, created before).
 */
public final class EventPublisherProps extends SourcedFunctionOptions {
  private final FunctionSpec function;
  private final QueueSpec failures;
  private final DeployedResources resources;

  private EventPublisherProps(Builder builder) {
    super(builder);
    this.function = required(builder.function, "function (Deployment.publisher())", EventPublisherProps.class);
    this.failures = required(builder.failures, "failures (Deployment.publisherFailures())", EventPublisherProps.class);
    this.resources = required(builder.resources, "resources", EventPublisherProps.class);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return the publisher function */
  public FunctionSpec getFunction() {
    return function;
  }

  /** @return the queue of stream records given up on */
  public QueueSpec getFailures() {
    return failures;
  }

  /** @return the resources the function names: the event table and the bus */
  public DeployedResources getResources() {
    return resources;
  }

  /** Builds {@link EventPublisherProps}; {@code code}, {@code function}, {@code failures} and {@code resources} are required. */
  public static final class Builder extends SourcedFunctionOptions.Builder<Builder> {
    private FunctionSpec function;
    private QueueSpec failures;
    private DeployedResources resources;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    public Builder function(FunctionSpec function) {
      this.function = function;
      return this;
    }

    public Builder failures(QueueSpec failures) {
      this.failures = failures;
      return this;
    }

    public Builder resources(DeployedResources resources) {
      this.resources = resources;
      return this;
    }

    public EventPublisherProps build() {
      return new EventPublisherProps(this);
    }
  }
}
