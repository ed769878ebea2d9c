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

  public QueryFunction(Construct scope, String id, QueryFunctionProps props) {
    super(scope, id);
    ITable projectionTable = props.getProjectionTable();
    this.function = new SourcedFunction(this, "Queries", SourcedFunctionProps.builder().functionOptions(props)
        .handler(props.getHandler())
        .environment(Map.of(SourcedConfig.PROJECTION_TABLE, projectionTable.getTableName()))
        .build());
    function.allow(PolicyStatement.Builder.create().sid("ReadOwnTable")
        .actions(List.of("dynamodb:GetItem", "dynamodb:Scan"))
        .resources(List.of(projectionTable.getTableArn())).build());
  }

  public SourcedFunction function() {
    return function;
  }
}
