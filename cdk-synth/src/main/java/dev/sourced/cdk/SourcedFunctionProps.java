package dev.sourced.cdk;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Props of a {@link SourcedFunction}: the shared {@link SourcedFunctionOptions} plus its handler and settings. */
public final class SourcedFunctionProps extends SourcedFunctionOptions {
  private final String handler;
  private final Map<String, String> environment;

  private SourcedFunctionProps(Builder builder) {
    super(builder);
    this.handler = required(builder.handler, "handler", SourcedFunctionProps.class);
    this.environment = Map.copyOf(builder.environment);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return the handler class, e.g. {@code com.example.CartCommandsLambda} ({@code ::handleRequest} is added) */
  public String getHandler() {
    return handler;
  }

  /** @return the function's {@code SOURCED_*} settings; default none ({@code JAVA_TOOL_OPTIONS} is always added) */
  public Map<String, String> getEnvironment() {
    return environment;
  }

  /** Builds {@link SourcedFunctionProps}. */
  public static final class Builder extends SourcedFunctionOptions.Builder<Builder> {
    private String handler;
    private final Map<String, String> environment = new TreeMap<>();

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** @param handler the handler class; required */
    public Builder handler(String handler) {
      this.handler = handler;
      return this;
    }

    /** @param environment variables added to the function's environment */
    public Builder environment(Map<String, String> environment) {
      this.environment.putAll(Objects.requireNonNull(environment, "environment"));
      return this;
    }

    public SourcedFunctionProps build() {
      return new SourcedFunctionProps(this);
    }
  }
}
