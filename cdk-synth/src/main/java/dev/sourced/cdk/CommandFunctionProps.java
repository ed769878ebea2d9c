package dev.sourced.cdk;

/** Props of a {@link CommandFunction}: the shared {@link SourcedFunctionOptions} plus its handler and event store. */
public final class CommandFunctionProps extends SourcedFunctionOptions {
  private final String handler;
  private final EventStore eventStore;

  private CommandFunctionProps(Builder builder) {
    super(builder);
    this.handler = required(builder.handler, "handler", CommandFunctionProps.class);
    this.eventStore = required(builder.eventStore, "eventStore", CommandFunctionProps.class);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return the generated {@code <Aggregate>CommandsLambda} class */
  public String getHandler() {
    return handler;
  }

  /** @return the event store it appends to (and whose snapshot table it uses, if there is one) */
  public EventStore getEventStore() {
    return eventStore;
  }

  /** Builds {@link CommandFunctionProps}; {@code code}, {@code handler} and {@code eventStore} are required. */
  public static final class Builder extends SourcedFunctionOptions.Builder<Builder> {
    private String handler;
    private EventStore eventStore;

    private Builder() {}

    @Override
    protected Builder self() {
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

    public CommandFunctionProps build() {
      return new CommandFunctionProps(this);
    }
  }
}
