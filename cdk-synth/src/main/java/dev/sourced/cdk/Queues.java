package dev.sourced.cdk;

import dev.sourced.deployment.QueueSpec;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/** A {@link QueueSpec} as a queue: SQS-managed encryption, TLS only, its retention, visibility and dead-letter queue. */
final class Queues {
  private Queues() {}

  /** @param deadLetterQueue the spec's dead-letter queue, created before; null when it has none */
  static Queue of(Construct scope, String id, QueueSpec spec, IQueue deadLetterQueue) {
    Queue.Builder queue = Queue.Builder.create(scope, id)
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .retentionPeriod(Duration.seconds(spec.retention().toSeconds()))
        .visibilityTimeout(Duration.seconds(spec.visibilityTimeout().toSeconds()));
    if (spec.deadLetterQueue() != null) {
      queue.deadLetterQueue(DeadLetterQueue.builder().queue(deadLetterQueue).maxReceiveCount(spec.maxReceiveCount()).build());
    }
    return queue.build();
  }
}
