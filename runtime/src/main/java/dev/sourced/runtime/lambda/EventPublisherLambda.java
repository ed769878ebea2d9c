package dev.sourced.runtime.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.sourced.runtime.publish.EventPublisher;

/**
 * The publisher Lambda: DynamoDB stream of the event table → EventBridge. The same for every
 * application (it does not decode events), configured by {@code SOURCED_APP} and {@code SOURCED_EVENT_BUS}.
 */
public final class EventPublisherLambda implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
  private final EventPublisher publisher;

  /** Lambda's constructor, run once per container: configured from the environment the CDK stack sets. */
  public EventPublisherLambda() {
    this(SourcedConfig.fromEnvironment());
  }

  /** @param config where the bus is (the local cloud passes its own) */
  public EventPublisherLambda(SourcedConfig config) {
    this.publisher = new EventPublisher(config.eventBridgeClient(), SourcedConfig.require(config.eventBus(), SourcedConfig.EVENT_BUS),
        SourcedConfig.require(config.appName(), SourcedConfig.APP), config.log());
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    return publisher.publish(event);
  }
}
