package dev.sourced.cdk;

import dev.sourced.deployment.Deployment;
import dev.sourced.deployment.Trigger;
import java.util.List;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * One projection's delivery path, from its {@link Deployment.Pipeline}: an EventBridge rule matching the
 * events it consumes → its queue (SSE, TLS only, DLQ after the description's receive count; the rule target
 * retries and dead-letters too) → its function (an event source mapping that reports batch item failures) →
 * its versioned table. The function may do what its grants say: query the event table (to fill gaps), read
 * and write its own table, and consume its own queue; nothing else. With {@code nestedStack}, everything but the tables
 * goes into a {@link ComponentStack} ({@link #parts()}); the tables stay here, so their logical ids do not depend on it.
 */
public final class ProjectionPipeline extends Construct {
  private final Table table;
  private final Queue queue;
  private final Queue deadLetterQueue;
  private final Rule rule;
  private final SourcedFunction function;
  private final Table previousTable;
  private final Queue replayQueue;
  private final Queue replayDeadLetterQueue;
  private final SourcedFunction replayFunction;
  private final ReplayWorkflow replay;
  private final Construct parts;

  public ProjectionPipeline(Construct scope, String id, ProjectionPipelineProps props) {
    super(scope, id);
    Deployment.Pipeline pipeline = props.getPipeline();
    DeployedResources resources = props.getResources();
    this.table = Tables.of(this, tableId(pipeline.table().version()), pipeline.table(), props.getRemovalPolicy(),
        props.getDeletionProtection());
    // the previous version's table keeps its construct id, so an update keeps it (with its data) rather than replacing it
    this.previousTable = pipeline.previousTable() == null ? null : Tables.of(this, tableId(pipeline.previousTable().version()),
        pipeline.previousTable(), props.getRemovalPolicy(), props.getDeletionProtection());
    // the tables above stay here; the rest is created anew if it moves, so it may go into a nested stack
    this.parts = props.getNestedStack()
        ? new ComponentStack(this, "Stack", "Sourced projection " + pipeline.projection() + ": its delivery, function and replay")
        : this;
    this.deadLetterQueue = Queues.of(parts, "DeadLetterQueue", pipeline.deadLetterQueue(), null);
    this.queue = Queues.of(parts, "Queue", pipeline.queue(), deadLetterQueue);
    this.replayDeadLetterQueue = Queues.of(parts, "ReplayDeadLetterQueue", pipeline.replayDeadLetterQueue(), null);
    this.replayQueue = Queues.of(parts, "ReplayQueue", pipeline.replayQueue(), replayDeadLetterQueue);
    resources.table(pipeline.table().name(), table).queue(pipeline.queue().name(), queue)
        .queue(pipeline.deadLetterQueue().name(), deadLetterQueue)
        .queue(pipeline.replayQueue().name(), replayQueue).queue(pipeline.replayDeadLetterQueue().name(), replayDeadLetterQueue);
    if (previousTable != null) {
      resources.table(pipeline.previousTable().name(), previousTable);
    }
    this.rule = Delivery.rule(parts, pipeline.rule(), resources,
        "Events projection " + pipeline.projection() + " v" + pipeline.table().version() + " consumes");
    this.function = new SourcedFunction(parts, "Projection", SourcedFunctionProps.builder().functionOptions(props)
        .function(pipeline.function()).resources(resources).build());
    // one mapping per queue trigger, in the description's order: the live queue, then the replay queue
    List<Trigger.Queue> triggers = pipeline.function().triggers(Trigger.Queue.class);
    for (int i = 0; i < triggers.size(); i++) {
      Delivery.mapping(parts, i == 0 ? "QueueMapping" : "ReplayQueueMapping", function, resources, triggers.get(i));
    }
    this.replayFunction = new SourcedFunction(parts, "ReplayReader", SourcedFunctionProps.builder().functionOptions(props)
        .function(pipeline.replayFunction()).resources(resources).build());
    this.replay = new ReplayWorkflow(parts, "Replay", pipeline.replay(), resources, pipeline.table().version(), props.getLogRetention());
    // a deployment starts the replay once the live path is in place, so no event falls between the two
    replay.getNode().addDependency(rule, function, replayFunction);
  }

  /** Version 1's table keeps the construct id it had before versions had tables of their own. */
  private static String tableId(int version) {
    return version == 1 ? "Table" : "TableV" + version;
  }

  /** @return where its parts besides the tables are: this construct, or its nested stack */
  public Construct parts() {
    return parts;
  }

  public Table table() {
    return table;
  }

  public Queue queue() {
    return queue;
  }

  public Queue deadLetterQueue() {
    return deadLetterQueue;
  }

  public Rule rule() {
    return rule;
  }

  public SourcedFunction function() {
    return function;
  }

  /** @return the previous version's table, kept while this version replays; null for version 1 */
  public Table previousTable() {
    return previousTable;
  }

  public Queue replayQueue() {
    return replayQueue;
  }

  public Queue replayDeadLetterQueue() {
    return replayDeadLetterQueue;
  }

  /** @return the replay reader */
  public SourcedFunction replayFunction() {
    return replayFunction;
  }

  /** @return the replay workflow */
  public ReplayWorkflow replay() {
    return replay;
  }
}
