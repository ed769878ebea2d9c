package dev.sourced.deployment;

import java.time.Duration;
import java.util.Objects;

/**
 * An SQS queue: SSE with SQS-managed keys, TLS only.
 *
 * @param name its logical name ({@code shopping-cart-cart-summary}), the queue's name on the local cloud
 * @param role what it carries
 * @param owner the projection or process manager it serves; null for the publisher's failure queue
 * @param visibilityTimeout how long a received message stays invisible
 * @param retention how long a message is kept
 * @param deadLetterQueue the queue a message moves to after {@code maxReceiveCount} receives, or null
 * @param maxReceiveCount receives before a message moves to its dead-letter queue; 0 without one
 */
public record QueueSpec(String name, Role role, String owner, Duration visibilityTimeout, Duration retention, String deadLetterQueue,
    int maxReceiveCount) {
  /** What a queue carries. */
  public enum Role {
    /** Events a projection consumes, from its rule. */
    PROJECTION,
    /** Messages a projection's queue or rule target gave up on. */
    DEAD_LETTER,
    /** Events the replay reader sends a projection from the event store. */
    REPLAY,
    /** Messages a projection's replay queue gave up on. */
    REPLAY_DEAD_LETTER,
    /** Stream records the publisher gave up on (its stream mapping's on-failure destination). */
    PUBLISHER_FAILURES,
    /** Events a process manager handles, from its rule; its dead-letter queue has the role {@link #DEAD_LETTER}. */
    PROCESS_MANAGER
  }

  public QueueSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
    Objects.requireNonNull(retention, "retention");
  }

  /** @return the queue as a resource, for grants */
  public Resource resource() {
    return Resource.queue(name);
  }
}
