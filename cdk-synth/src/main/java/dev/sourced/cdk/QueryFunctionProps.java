package dev.sourced.cdk;

import software.amazon.awscdk.services.dynamodb.ITable;

/** Props of a {@link QueryFunction}: the shared {@link SourcedFunctionOptions} plus its handler and table. */
public final class QueryFunctionProps extends SourcedFunctionOptions {
  private final String handler;
  private final ITable projectionTable;

  private QueryFunctionProps(Builder builder) {
    super(builder);
    this.handler = required(builder.handler, "handler", QueryFunctionProps.class);
    this.projectionTable = required(builder.projectionTable, "projectionTable", QueryFunctionProps.class);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return the generated {@code <Projection>QueriesLambda} class */
  public String getHandler() {
    return handler;
  }

  /** @return the projection's table, the only thing it reads */
  public ITable getProjectionTable() {
    return projectionTable;
  }

  /** Builds {@link QueryFunctionProps}; {@code code}, {@code handler} and {@code projectionTable} are required. */
  public static final class Builder extends SourcedFunctionOptions.Builder<Builder> {
    private String handler;
    private ITable projectionTable;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    public Builder handler(String handler) {
      this.handler = handler;
      return this;
    }

    public Builder projectionTable(ITable projectionTable) {
      this.projectionTable = projectionTable;
      return this;
    }

    public QueryFunctionProps build() {
      return new QueryFunctionProps(this);
    }
  }
}
