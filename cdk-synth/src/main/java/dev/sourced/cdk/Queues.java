package dev.sourced.cdk;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/** Dead-letter queues as every Sourced DLQ is: SQS-managed encryption, TLS only, messages kept 14 days. */
final class Queues {
  private Queues() {}

  static Queue deadLetterQueue(Construct scope, String id) {
    return Queue.Builder.create(scope, id)
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .retentionPeriod(Duration.days(14))
        .build();
  }
}
