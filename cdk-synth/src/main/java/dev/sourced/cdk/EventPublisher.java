package dev.sourced.cdk;

import dev.sourced.runtime.lambda.SourcedConfig;
import dev.sourced.runtime.topology.Topology;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.EventSourceMapping;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The publisher: the event table's stream → {@code EventPublisherLambda} → the bus. The mapping
 * reports batch item failures, bisects a failing batch, retries {@value Topology#PUBLISHER_MAX_RETRIES}
 * times, skips records older than {@link Topology#PUBLISHER_MAX_RECORD_AGE}, and sends what it gives up
 * on to a failure queue (projections fill such gaps from the event store on the stream's next event).
 * The function may read the stream and put events on its bus; nothing else.
 */
public final class EventPublisher extends Construct {
  public static final String HANDLER = "dev.sourced.runtime.lambda.EventPublisherLambda";

  private final SourcedFunction function;
  private final Queue failures;

  public EventPublisher(Construct scope, String id, EventPublisherProps props) {
    super(scope, id);
    IEventBus bus = props.getBus();
    this.failures = Queues.deadLetterQueue(this, "Failures");
    this.function = new SourcedFunction(this, "Publisher", SourcedFunctionProps.builder().functionOptions(props)
        .handler(HANDLER)
        .environment(Map.of(SourcedConfig.APP, props.getApp(), SourcedConfig.EVENT_BUS, bus.getEventBusName()))
        .build());
    String streamArn = props.getEventStore().events().getTableStreamArn();
    function.allow(PolicyStatement.Builder.create().sid("ReadEventStream")
        .actions(List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"))
        .resources(List.of(streamArn)).build());
    function.allow(PolicyStatement.Builder.create().sid("ListStreams")
        .actions(List.of("dynamodb:ListStreams")).resources(List.of("*")).build());
    function.allow(PolicyStatement.Builder.create().sid("PutEventsOnBus")
        .actions(List.of("events:PutEvents")).resources(List.of(bus.getEventBusArn())).build());
    function.allow(PolicyStatement.Builder.create().sid("SendGivenUpRecords")
        .actions(List.of("sqs:SendMessage")).resources(List.of(failures.getQueueArn())).build());
    EventSourceMapping.Builder.create(this, "StreamMapping")
        .target(function.alias())
        .eventSourceArn(streamArn)
        .startingPosition(StartingPosition.TRIM_HORIZON)
        .batchSize(Topology.PUBLISHER_BATCH_SIZE)
        .bisectBatchOnError(true)
        .retryAttempts(Topology.PUBLISHER_MAX_RETRIES)
        .maxRecordAge(Duration.seconds(Topology.PUBLISHER_MAX_RECORD_AGE.toSeconds()))
        .reportBatchItemFailures(true)
        .onFailure(new SqsDlq(failures))
        .build();
  }

  /** @return the publisher function */
  public SourcedFunction function() {
    return function;
  }

  /** @return the queue of stream records given up on */
  public Queue failures() {
    return failures;
  }
}
