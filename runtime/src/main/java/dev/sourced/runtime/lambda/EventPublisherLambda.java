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
  private static final EventPublisher PUBLISHER = create(SourcedConfig.fromEnvironment());

  static EventPublisher create(SourcedConfig config) {
    return new EventPublisher(config.eventBridgeClient(), SourcedConfig.require(config.eventBus(), SourcedConfig.EVENT_BUS),
        SourcedConfig.require(config.appName(), SourcedConfig.APP), System.out::println);
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    return PUBLISHER.publish(event);
  }
}
