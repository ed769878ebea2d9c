package dev.sourced.cdk;

import dev.sourced.deployment.Deployment;
import dev.sourced.deployment.RuleSpec;
import dev.sourced.deployment.Trigger;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.lambda.EventSourceMapping;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * One projection's delivery path, from its {@link Deployment.Pipeline}: an EventBridge rule matching the
 * events it consumes → its queue (SSE, TLS only, DLQ after the description's receive count; the rule target
 * retries and dead-letters too) → its function (an event source mapping that reports batch item failures) →
 * its versioned table. The function may do what its grants say: query the event table (to fill gaps), read
 * and write its own table, and consume its own queue; nothing else.
 */
public final class ProjectionPipeline extends Construct {
  private final Table table;
  private final Queue queue;
  private final Queue deadLetterQueue;
  private final Rule rule;
  private final SourcedFunction function;

  public ProjectionPipeline(Construct scope, String id, ProjectionPipelineProps props) {
    super(scope, id);
    Deployment.Pipeline pipeline = props.getPipeline();
    DeployedResources resources = props.getResources();
    this.table = Tables.of(this, "Table", pipeline.table(), props.getRemovalPolicy(), props.getDeletionProtection());
    this.deadLetterQueue = Queues.of(this, "DeadLetterQueue", pipeline.deadLetterQueue(), null);
    this.queue = Queues.of(this, "Queue", pipeline.queue(), deadLetterQueue);
    resources.table(pipeline.table().name(), table).queue(pipeline.queue().name(), queue)
        .queue(pipeline.deadLetterQueue().name(), deadLetterQueue);
    RuleSpec spec = pipeline.rule();
    this.rule = Rule.Builder.create(this, "Rule")
        .eventBus(resources.bus(spec.bus()))
        .description("Events projection " + pipeline.projection() + " v" + pipeline.table().version() + " consumes")
        .eventPattern(EventPattern.builder().source(spec.sources()).detailType(spec.detailTypes()).build())
        .targets(List.of(SqsQueue.Builder.create(resources.queue(spec.targetQueue()))
            .deadLetterQueue(resources.queue(spec.deadLetterQueue()))
            .retryAttempts(spec.retryAttempts())
            .maxEventAge(Duration.seconds(spec.maxEventAge().toSeconds()))
            .build()))
        .build();
    this.function = new SourcedFunction(this, "Projection", SourcedFunctionProps.builder().functionOptions(props)
        .function(pipeline.function()).resources(resources).build());
    Trigger.Queue trigger = (Trigger.Queue) pipeline.function().trigger();
    EventSourceMapping.Builder.create(this, "QueueMapping")
        .target(function.alias())
        .eventSourceArn(resources.queue(trigger.queue()).getQueueArn())
        .batchSize(trigger.batchSize())
        .maxConcurrency(trigger.maxConcurrency())
        .reportBatchItemFailures(true)
        .build();
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
}
