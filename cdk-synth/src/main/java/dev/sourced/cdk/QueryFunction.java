package dev.sourced.cdk;

import dev.sourced.runtime.lambda.SourcedConfig;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/** A projection's query function: it may read its projection's table, nothing else. */
public final class QueryFunction extends Construct {
  private final SourcedFunction function;

  public QueryFunction(Construct scope, String id, ITable projectionTable, String handler, FunctionSettings settings) {
    super(scope, id);
    this.function = new SourcedFunction(this, "Queries", settings, handler, Map.of(SourcedConfig.PROJECTION_TABLE,
        projectionTable.getTableName()));
    function.allow(PolicyStatement.Builder.create().sid("ReadOwnTable")
        .actions(List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"))
        .resources(List.of(projectionTable.getTableArn())).build());
  }

  public SourcedFunction function() {
    return function;
  }
}
