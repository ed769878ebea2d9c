package dev.sourced.cdk;

import dev.sourced.runtime.topology.Topology;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.IEventBus;

/** Props of a {@link ProjectionPipeline}: the shared {@link SourcedFunctionOptions} plus the projection and its sources. */
public final class ProjectionPipelineProps extends SourcedFunctionOptions {
  private final String app;
  private final Topology.ProjectionPipeline pipeline;
  private final String handler;
  private final EventStore eventStore;
  private final IEventBus bus;
  private final RemovalPolicy removalPolicy;

  private ProjectionPipelineProps(Builder builder) {
    super(builder);
    this.app = required(builder.app, "app", ProjectionPipelineProps.class);
    this.pipeline = required(builder.pipeline, "pipeline", ProjectionPipelineProps.class);
    this.handler = required(builder.handler, "handler", ProjectionPipelineProps.class);
    this.eventStore = required(builder.eventStore, "eventStore", ProjectionPipelineProps.class);
    this.bus = required(builder.bus, "bus", ProjectionPipelineProps.class);
    this.removalPolicy = builder.removalPolicy;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return the application's name, the {@code source} its rule matches */
  public String getApp() {
    return app;
  }

  /** @return the projection's names, version and event names, from {@code Topology.projection(name)} */
  public Topology.ProjectionPipeline getPipeline() {
    return pipeline;
  }

  /** @return the generated {@code <Projection>ProjectionLambda} class */
  public String getHandler() {
    return handler;
  }

  /** @return the event store it queries to fill gaps */
  public EventStore getEventStore() {
    return eventStore;
  }

  /** @return the bus its rule listens on */
  public IEventBus getBus() {
    return bus;
  }

  /** @return what deleting the stack does to the projection's table; default {@link RemovalPolicy#RETAIN} */
  public RemovalPolicy getRemovalPolicy() {
    return removalPolicy;
  }

  /** Builds {@link ProjectionPipelineProps}; all but {@code removalPolicy} and the function sizing are required. */
  public static final class Builder extends SourcedFunctionOptions.Builder<Builder> {
    private String app;
    private Topology.ProjectionPipeline pipeline;
    private String handler;
    private EventStore eventStore;
    private IEventBus bus;
    private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    public Builder app(String app) {
      this.app = app;
      return this;
    }

    public Builder pipeline(Topology.ProjectionPipeline pipeline) {
      this.pipeline = pipeline;
      return this;
    }

    public Builder handler(String handler) {
      this.handler = handler;
      return this;
    }

    public Builder eventStore(EventStore eventStore) {
      this.eventStore = eventStore;
      return this;
    }

    public Builder bus(IEventBus bus) {
      this.bus = bus;
      return this;
    }

    /** @param removalPolicy default {@link RemovalPolicy#RETAIN} */
    public Builder removalPolicy(RemovalPolicy removalPolicy) {
      this.removalPolicy = Objects.requireNonNull(removalPolicy, "removalPolicy");
      return this;
    }

    public ProjectionPipelineProps build() {
      return new ProjectionPipelineProps(this);
    }
  }
}
