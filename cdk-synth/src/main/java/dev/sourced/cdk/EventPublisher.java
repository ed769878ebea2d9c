package dev.sourced.cdk;

import dev.sourced.deployment.HandlerNames;
import dev.sourced.deployment.Resource;
import dev.sourced.deployment.Trigger;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.EventSourceMapping;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The publisher: the event table's stream → {@code EventPublisherLambda} → the bus. The mapping, as the
 * description's stream trigger says, reports batch item failures, bisects a failing batch, retries, skips
 * records too old, and sends what it gives up on to a failure queue (projections fill such gaps from the
 * event store on the stream's next event). The function may do what its grants say; nothing else.
 */
public final class EventPublisher extends Construct {
  public static final String HANDLER = HandlerNames.PUBLISHER;

  private final SourcedFunction function;
  private final Queue failures;

  public EventPublisher(Construct scope, String id, EventPublisherProps props) {
    super(scope, id);
    DeployedResources resources = props.getResources();
    this.failures = Queues.of(this, "Failures", props.getFailures(), null);
    resources.queue(props.getFailures().name(), failures);
    this.function = new SourcedFunction(this, "Publisher", SourcedFunctionProps.builder().functionOptions(props)
        .function(props.getFunction()).resources(resources).build());
    Trigger.Stream stream = (Trigger.Stream) props.getFunction().trigger();
    EventSourceMapping.Builder.create(this, "StreamMapping")
        .target(function.alias())
        .eventSourceArn(resources.arn(Resource.streamOf(stream.table())))
        .startingPosition(StartingPosition.TRIM_HORIZON)
        .batchSize(stream.batchSize())
        .bisectBatchOnError(true)
        .retryAttempts(stream.maxRetries())
        .maxRecordAge(Duration.seconds(stream.maxRecordAge().toSeconds()))
        .reportBatchItemFailures(true)
        .onFailure(new SqsDlq(resources.queue(stream.onFailure())))
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
