package dev.sourced.cdk;

import software.amazon.awscdk.services.events.IEventBus;

/** Props of an {@link EventPublisher}: the shared {@link SourcedFunctionOptions} plus where it reads and writes. */
public final class EventPublisherProps extends SourcedFunctionOptions {
  private final String app;
  private final EventStore eventStore;
  private final IEventBus bus;

  private EventPublisherProps(Builder builder) {
    super(builder);
    this.app = required(builder.app, "app", EventPublisherProps.class);
    this.eventStore = required(builder.eventStore, "eventStore", EventPublisherProps.class);
    this.bus = required(builder.bus, "bus", EventPublisherProps.class);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return the application's name, the {@code source} of every event it publishes */
  public String getApp() {
    return app;
  }

  /** @return the event store whose events table's stream it reads */
  public EventStore getEventStore() {
    return eventStore;
  }

  /** @return the bus it publishes to */
  public IEventBus getBus() {
    return bus;
  }

  /** Builds {@link EventPublisherProps}; {@code code}, {@code app}, {@code eventStore} and {@code bus} are required. */
  public static final class Builder extends SourcedFunctionOptions.Builder<Builder> {
    private String app;
    private EventStore eventStore;
    private IEventBus bus;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    public Builder app(String app) {
      this.app = app;
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

    public EventPublisherProps build() {
      return new EventPublisherProps(this);
    }
  }
}
