package dev.sourced.deployment;

import java.time.Duration;
import java.util.Objects;

/**
 * The sizing a deployment is computed with; every derived setting follows from it (a projection queue's
 * visibility timeout is six times the event functions' timeout, as AWS advises for SQS event sources).
 *
 * @param memoryMb every function's memory, MB (128 to 10,240); default 1,024: Lambda's CPU share grows with
 *     memory, and Java starts markedly faster with a full vCPU's share
 * @param apiTimeout the command and query functions' timeout; default 10 s; at most 29 s, below the HTTP
 *     API's own 30 s limit, so a slow invocation ends as the function's error, not as the API's timeout
 * @param eventTimeout the projection and publisher functions' timeout; default 30 s; at most 2 hours, so that six
 *     times it fits SQS's 12-hour visibility limit (Lambda's own limit, 15 minutes, is lower still)
 * @param projectionMaxConcurrency how many concurrent invocations a projection queue's event source mapping may
 *     make (2 to 1,000); default 5, so a backlog or a redrive cannot take the account's concurrency from the API
 */
public record DeploymentOptions(int memoryMb, Duration apiTimeout, Duration eventTimeout, int projectionMaxConcurrency) {
  /** 1,024 MB, 10 s behind the API, 30 s for events, 5 concurrent invocations per projection queue. */
  public static final DeploymentOptions DEFAULTS = new DeploymentOptions(1024, Duration.ofSeconds(10), Duration.ofSeconds(30), 5);
  /** AWS advises a queue's visibility timeout of at least six times its consuming function's timeout. */
  public static final int VISIBILITY_TIMEOUT_FACTOR = 6;

  public DeploymentOptions {
    check(memoryMb >= 128 && memoryMb <= 10_240, "memoryMb must be 128 to 10240; found " + memoryMb);
    Objects.requireNonNull(apiTimeout, "apiTimeout");
    Objects.requireNonNull(eventTimeout, "eventTimeout");
    check(!apiTimeout.isNegative() && apiTimeout.toSeconds() >= 1 && apiTimeout.toSeconds() <= 29,
        "apiTimeout must be 1 to 29 s, below the HTTP API's 30 s limit; found " + apiTimeout);
    check(eventTimeout.toSeconds() >= 1 && eventTimeout.toSeconds() <= 900,
        "eventTimeout must be 1 s to 15 min (Lambda's limit); found " + eventTimeout);
    check(projectionMaxConcurrency >= 2 && projectionMaxConcurrency <= 1000,
        "projectionMaxConcurrency must be 2 to 1000 (SQS event source mappings); found " + projectionMaxConcurrency);
  }

  /** @return a projection queue's visibility timeout: six times the projection function's timeout */
  public Duration visibilityTimeout() {
    return eventTimeout.multipliedBy(VISIBILITY_TIMEOUT_FACTOR);
  }

  public DeploymentOptions withMemoryMb(int memoryMb) {
    return new DeploymentOptions(memoryMb, apiTimeout, eventTimeout, projectionMaxConcurrency);
  }

  public DeploymentOptions withApiTimeout(Duration apiTimeout) {
    return new DeploymentOptions(memoryMb, apiTimeout, eventTimeout, projectionMaxConcurrency);
  }

  public DeploymentOptions withEventTimeout(Duration eventTimeout) {
    return new DeploymentOptions(memoryMb, apiTimeout, eventTimeout, projectionMaxConcurrency);
  }

  public DeploymentOptions withProjectionMaxConcurrency(int projectionMaxConcurrency) {
    return new DeploymentOptions(memoryMb, apiTimeout, eventTimeout, projectionMaxConcurrency);
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
