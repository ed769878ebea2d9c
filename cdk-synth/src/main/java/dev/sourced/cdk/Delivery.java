package dev.sourced.cdk;

import dev.sourced.deployment.RuleSpec;
import dev.sourced.deployment.Trigger;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.lambda.EventSourceMapping;
import software.constructs.Construct;

/** How events reach a pipeline's function, the same for projections and process managers: rule → queue → mapping. */
final class Delivery {
  private Delivery() {}

  /** @return the rule of a {@link RuleSpec}: its pattern on its bus, delivering to its queue with retries and a DLQ */
  static Rule rule(Construct scope, RuleSpec spec, DeployedResources resources, String description) {
    return Rule.Builder.create(scope, "Rule")
        .eventBus(resources.bus(spec.bus()))
        .description(description)
        .eventPattern(EventPattern.builder().source(spec.sources()).detailType(spec.detailTypes()).build())
        .targets(List.of(SqsQueue.Builder.create(resources.queue(spec.targetQueue()))
            .deadLetterQueue(resources.queue(spec.deadLetterQueue()))
            .retryAttempts(spec.retryAttempts())
            .maxEventAge(Duration.seconds(spec.maxEventAge().toSeconds()))
            .build()))
        .build();
  }

  /** The event source mapping of a queue trigger: its batch size, concurrency and window, with batch item failures. */
  static void mapping(Construct scope, String id, SourcedFunction function, DeployedResources resources, Trigger.Queue trigger) {
    EventSourceMapping.Builder mapping = EventSourceMapping.Builder.create(scope, id)
        .target(function.alias())
        .eventSourceArn(resources.queue(trigger.queue()).getQueueArn())
        .batchSize(trigger.batchSize())
        .maxConcurrency(trigger.maxConcurrency())
        .reportBatchItemFailures(true);
    if (!trigger.maxBatchingWindow().isZero()) {
      mapping.maxBatchingWindow(Duration.seconds(trigger.maxBatchingWindow().toSeconds()));
    }
    mapping.build();
  }
}
