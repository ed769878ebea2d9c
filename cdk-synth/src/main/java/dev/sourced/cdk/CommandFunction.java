package dev.sourced.cdk;

import software.constructs.Construct;

/**
 * An aggregate's command function ({@code <aggregate>-commands} in the deployment description): it may
 * query and conditionally write the event table (appends and idempotency records, also inside transactions,
 * which IAM authorizes per item action) and read and write snapshots; nothing else.
 */
public final class CommandFunction extends Construct {
  private final SourcedFunction function;

  public CommandFunction(Construct scope, String id, SourcedFunctionProps props) {
    super(scope, id);
    this.function = new SourcedFunction(this, "Commands", props);
  }

  public SourcedFunction function() {
    return function;
  }
}
