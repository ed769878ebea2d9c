package dev.sourced.deployment;

import java.time.Duration;
import java.util.Objects;

/** What invokes a function. */
public sealed interface Trigger {
  /** HTTP API requests on the routes that name the function. */
  record Http() implements Trigger {}

  /**
   * The event table's stream (an event source mapping): batches from the oldest record, failed batches
   * bisected, records retried from the first one the function reports, then sent to a failure queue.
   *
   * @param table the table whose stream it reads
   * @param batchSize records per invocation
   * @param maxRetries retries of a failing batch
   * @param maxRecordAge records older than this are not delivered but sent to {@code onFailure}
   * @param onFailure the queue that receives what was given up on
   */
  record Stream(String table, int batchSize, int maxRetries, Duration maxRecordAge, String onFailure) implements Trigger {
    public Stream {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(maxRecordAge, "maxRecordAge");
      Objects.requireNonNull(onFailure, "onFailure");
    }
  }

  /**
   * A state machine's {@code Task} states, which name the function by its ARN.
   *
   * @param workflow the workflow whose state machine invokes it
   */
  record Workflow(String workflow) implements Trigger {
    public Workflow {
      Objects.requireNonNull(workflow, "workflow");
    }
  }

  /**
   * A queue (an event source mapping that reports batch item failures).
   *
   * @param queue the queue
   * @param batchSize messages per invocation (more than 10 needs a batching window)
   * @param maxConcurrency concurrent invocations the mapping may make
   * @param maxBatchingWindow how long the mapping gathers messages for a batch; zero for none
   */
  record Queue(String queue, int batchSize, int maxConcurrency, Duration maxBatchingWindow) implements Trigger {
    public Queue {
      Objects.requireNonNull(queue, "queue");
      Objects.requireNonNull(maxBatchingWindow, "maxBatchingWindow");
      if (batchSize > 10 && maxBatchingWindow.isZero()) {
        throw new IllegalArgumentException("a batch of more than 10 messages needs a batching window (SQS event source mappings)");
      }
    }

    /** A mapping without a batching window. */
    public Queue(String queue, int batchSize, int maxConcurrency) {
      this(queue, batchSize, maxConcurrency, Duration.ZERO);
    }
  }
}
