package dev.sourced.local.eventbridge;

import dev.sourced.local.sqs.LocalSqs;
import dev.sourced.runtime.lambda.SourcedConfig;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * What a test of the local bus starts once per class: a local SQS, the local EventBridge delivering to it, and the SDK's
 * EventBridge client pointed at the bus as a function's would be.
 */
public record LocalBus(LocalSqs sqs, LocalEventBridge bus, EventBridgeClient client) implements AutoCloseable {
  public static LocalBus start() {
    LocalSqs sqs = LocalSqs.start();
    LocalEventBridge bus = LocalEventBridge.start(sqs.client());
    EventBridgeClient client =
        SourcedConfig.fromMap(Map.of(SourcedConfig.EVENTBRIDGE_ENDPOINT, bus.endpoint().toString())).eventBridgeClient();
    return new LocalBus(sqs, bus, client);
  }

  @Override
  public void close() {
    client.close();
    bus.close();
    sqs.close();
  }
}
