package dev.sourced.cdk;

import dev.sourced.runtime.lambda.SourcedConfig;
import dev.sourced.runtime.topology.Topology;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.EventSourceMapping;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * One projection's delivery path, from its {@link Topology.ProjectionPipeline}: an EventBridge rule
 * matching the projection's event names → its SQS queue (SQS-managed encryption, TLS only, visibility
 * timeout {@link Topology#VISIBILITY_TIMEOUT}, DLQ after {@value Topology#MAX_RECEIVE_COUNT} receives;
 * the rule target's own DLQ and retry policy catch what EventBridge cannot deliver) → the projection
 * function (batches of {@value Topology#BATCH_SIZE}, {@code ReportBatchItemFailures}) → its versioned
 * table. The function may query the event table (to fill gaps), read and write its own table, and
 * consume its own queue; nothing else.
 */
public final class ProjectionPipeline extends Construct {
  private final Table table;
  private final Queue queue;
  private final Queue deadLetterQueue;
  private final Rule rule;
  private final SourcedFunction function;

  public ProjectionPipeline(Construct scope, String id, ProjectionPipelineProps props) {
    super(scope, id);
    Topology.ProjectionPipeline pipeline = props.getPipeline();
    EventStore store = props.getEventStore();
    this.table = Tables.onDemand(this, "Table", "pk", props.getRemovalPolicy()).build();
    this.deadLetterQueue = Queues.deadLetterQueue(this, "DeadLetterQueue");
    this.queue = Queue.Builder.create(this, "Queue")
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .visibilityTimeout(Duration.seconds(Topology.VISIBILITY_TIMEOUT.toSeconds()))
        .retentionPeriod(Duration.seconds(Topology.RETENTION.toSeconds()))
        .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetterQueue).maxReceiveCount(Topology.MAX_RECEIVE_COUNT).build())
        .build();
    this.rule = Rule.Builder.create(this, "Rule")
        .eventBus(props.getBus())
        .description("Events projection " + pipeline.name() + " v" + pipeline.version() + " consumes")
        .eventPattern(EventPattern.builder().source(List.of(props.getApp())).detailType(pipeline.eventNames()).build())
        .targets(List.of(SqsQueue.Builder.create(queue)
            .deadLetterQueue(deadLetterQueue)
            .retryAttempts(185)
            .maxEventAge(Duration.hours(24))
            .build()))
        .build();
    this.function = new SourcedFunction(this, "Projection", SourcedFunctionProps.builder().functionOptions(props)
        .handler(props.getHandler())
        .environment(Map.of(SourcedConfig.EVENT_TABLE, store.events().getTableName(), SourcedConfig.PROJECTION_TABLE, table.getTableName()))
        .build());
    function.allow(PolicyStatement.Builder.create().sid("ReadEventsToFillGaps")
        .actions(List.of("dynamodb:Query")).resources(List.of(store.events().getTableArn())).build());
    function.allow(PolicyStatement.Builder.create().sid("ReadWriteOwnTable")
        .actions(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"))
        .resources(List.of(table.getTableArn())).build());
    function.allow(PolicyStatement.Builder.create().sid("ConsumeOwnQueue")
        .actions(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"))
        .resources(List.of(queue.getQueueArn())).build());
    EventSourceMapping.Builder.create(this, "QueueMapping")
        .target(function.alias())
        .eventSourceArn(queue.getQueueArn())
        .batchSize(Topology.BATCH_SIZE)
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
