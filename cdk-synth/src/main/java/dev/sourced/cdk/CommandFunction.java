package dev.sourced.cdk;

import dev.sourced.runtime.lambda.SourcedConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * An aggregate's command function: it may query and conditionally write the event table (appends
 * and idempotency records, also inside transactions, which IAM authorizes per item action) and read
 * and write snapshots; nothing else.
 */
public final class CommandFunction extends Construct {
  private final SourcedFunction function;

  public CommandFunction(Construct scope, String id, CommandFunctionProps props) {
    super(scope, id);
    EventStore store = props.getEventStore();
    Map<String, String> environment = new HashMap<>();
    environment.put(SourcedConfig.EVENT_TABLE, store.events().getTableName());
    if (store.snapshots() != null) {
      environment.put(SourcedConfig.SNAPSHOT_TABLE, store.snapshots().getTableName());
    }
    this.function = new SourcedFunction(this, "Commands", SourcedFunctionProps.builder().functionOptions(props)
        .handler(props.getHandler()).environment(environment).build());
    function.allow(PolicyStatement.Builder.create().sid("AppendEvents")
        .actions(List.of("dynamodb:Query", "dynamodb:PutItem"))
        .resources(List.of(store.events().getTableArn())).build());
    if (store.snapshots() != null) {
      function.allow(PolicyStatement.Builder.create().sid("ReadWriteSnapshots")
          .actions(List.of("dynamodb:GetItem", "dynamodb:PutItem"))
          .resources(List.of(store.snapshots().getTableArn())).build());
    }
  }

  public SourcedFunction function() {
    return function;
  }
}
