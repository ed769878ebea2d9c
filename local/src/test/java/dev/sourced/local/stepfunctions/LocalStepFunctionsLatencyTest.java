package dev.sourced.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an execution costs: from {@code start} to the first Task's invocation (a node process starting, loading the
 * interpreter and, for a definition not yet validated, validating it), and per Task invocation in a Task → Choice loop.
 * Prints the figures (docs/local-cloud.md quotes them); asserts only bounds that catch a regression by an order of
 * magnitude.
 */
class LocalStepFunctionsLatencyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ITERATIONS = 200;
  private static final String LOOP = """
      {"StartAt": "Count", "States": {
        "Count": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:count", "Next": "Done?"},
        "Done?": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThanEquals": %d, "Next": "Counted"}], "Default": "Count"},
        "Counted": {"Type": "Succeed"}}}
      """.formatted(ITERATIONS);
  private static final AtomicLong FIRST_INVOCATION = new AtomicLong();
  private static LocalStepFunctions stepFunctions;

  @BeforeAll
  static void start() {
    stepFunctions = LocalStepFunctions.builder().functions((function, payload) -> {
      FIRST_INVOCATION.compareAndSet(0, System.nanoTime());
      return "{\"n\":" + (JSON.readTree(payload).path("n").asInt() + 1) + "}";
    }).start();
  }

  @AfterAll
  static void stop() {
    stepFunctions.close();
  }

  @Test
  void loopOf200Tasks_costsMillisecondsPerTask() throws Exception {
    Run unvalidated = run();
    Run validated = run();

    System.out.printf("stepfunctions latency (%s): start → first Task %d ms for a new definition, %d ms for a validated one;"
        + " %d Task → Choice iterations %d ms, %.1f ms per Task%n", stepFunctions.runtime().nodeVersion(),
        unvalidated.firstTaskMillis, validated.firstTaskMillis, ITERATIONS, validated.loopMillis, validated.loopMillis / (double) ITERATIONS);
    assertThat(validated.firstTaskMillis).isLessThan(10_000);
    assertThat(validated.loopMillis / ITERATIONS).isLessThan(250);
  }

  private record Run(long firstTaskMillis, long loopMillis) {}

  private static Run run() throws Exception {
    FIRST_INVOCATION.set(0);
    long started = System.nanoTime();
    JsonNode output = JSON.readTree(stepFunctions.start(LOOP, "{\"n\":0}").await(Duration.ofMinutes(2)));
    long ended = System.nanoTime();
    assertThat(output.get("n").asInt()).isEqualTo(ITERATIONS);
    return new Run((FIRST_INVOCATION.get() - started) / 1_000_000, (ended - FIRST_INVOCATION.get()) / 1_000_000);
  }
}
