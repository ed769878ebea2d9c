package dev.sourced.deployment;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An EventBridge rule on the application's bus, targeting a queue.
 *
 * @param name its logical name, the rule's name on the local cloud
 * @param owner the projection it feeds
 * @param bus the bus it listens on
 * @param sources the event sources it matches (the application's name)
 * @param detailTypes the event names it matches, sorted
 * @param targetQueue the queue it delivers to
 * @param deadLetterQueue where the target's undeliverable events go
 * @param retryAttempts delivery retries to the target
 * @param maxEventAge how long delivery is retried
 */
public record RuleSpec(String name, String owner, String bus, List<String> sources, List<String> detailTypes, String targetQueue,
    String deadLetterQueue, int retryAttempts, Duration maxEventAge) {
  public RuleSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bus, "bus");
    sources = List.copyOf(sources);
    detailTypes = List.copyOf(detailTypes);
    Objects.requireNonNull(targetQueue, "targetQueue");
  }

  /**
   * @return the EventBridge pattern as JSON, {@code {"source":[…],"detail-type":[…]}}: what the local bus
   *     matches with event-ruler and what the CDK rule declares
   */
  public String pattern() {
    return "{\"source\":" + JsonText.array(sources) + ",\"detail-type\":" + JsonText.array(detailTypes) + "}";
  }
}
