package dev.sourced.cdk;

import software.constructs.Construct;

/** A projection's query function ({@code <projection>-queries} in the deployment description): it may read its projection's table, nothing else. */
public final class QueryFunction extends Construct {
  private final SourcedFunction function;

  public QueryFunction(Construct scope, String id, SourcedFunctionProps props) {
    super(scope, id);
    this.function = new SourcedFunction(this, "Queries", props);
  }

  public SourcedFunction function() {
    return function;
  }
}
