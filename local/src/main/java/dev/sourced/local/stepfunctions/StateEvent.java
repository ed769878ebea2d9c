package dev.sourced.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event of an execution, as aws-local-stepfunctions reports it: a state entered, exited, failed, retried or
 * caught, a {@code Map} iteration or {@code Parallel} branch started, succeeded or failed, the execution started,
 * succeeded or failed. JSON values are given as JSON text.
 *
 * @param type what happened
 * @param timestamp when
 * @param stateName the state's name; for a {@code Map} iteration or {@code Parallel} branch, the {@code Map} or
 *     {@code Parallel} state's; null for the execution's events
 * @param stateType the state's type, e.g. {@code Task}; null for the execution's events
 * @param index the {@code Map} iteration's index, for iteration events and for events of states inside an iteration;
 *     else null
 * @param input the state's (or iteration's, or execution's) input, or null
 * @param output the state's (or iteration's, or execution's) output, or null
 * @param error the error name of a failure, or null
 * @param cause the error's cause of a failure, or null
 * @param json the whole event as the interpreter wrote it (e.g. with the retrier of a {@code StateRetried})
 */
public record StateEvent(Type type, Instant timestamp, String stateName, String stateType, Integer index, String input,
    String output, String error, String cause, String json) {

  /** The interpreter's event types; {@link #OTHER} for one this version does not know. */
  public enum Type {
    EXECUTION_STARTED("ExecutionStarted"),
    EXECUTION_SUCCEEDED("ExecutionSucceeded"),
    EXECUTION_FAILED("ExecutionFailed"),
    EXECUTION_ABORTED("ExecutionAborted"),
    EXECUTION_TIMEOUT("ExecutionTimeout"),
    STATE_ENTERED("StateEntered"),
    STATE_EXITED("StateExited"),
    STATE_FAILED("StateFailed"),
    STATE_RETRIED("StateRetried"),
    STATE_CAUGHT("StateCaught"),
    MAP_ITERATION_STARTED("MapIterationStarted"),
    MAP_ITERATION_SUCCEEDED("MapIterationSucceeded"),
    MAP_ITERATION_FAILED("MapIterationFailed"),
    PARALLEL_BRANCH_STARTED("ParallelBranchStarted"),
    PARALLEL_BRANCH_SUCCEEDED("ParallelBranchSucceeded"),
    PARALLEL_BRANCH_FAILED("ParallelBranchFailed"),
    OTHER("");

    private final String interpreterName;

    Type(String interpreterName) {
      this.interpreterName = interpreterName;
    }

    /** @return the name aws-local-stepfunctions gives it, e.g. {@code StateEntered} */
    public String interpreterName() {
      return interpreterName;
    }

    static Type of(String interpreterName) {
      for (Type type : values()) {
        if (type.interpreterName.equals(interpreterName)) {
          return type;
        }
      }
      return OTHER;
    }
  }

  /** @return the event of an interpreter's event JSON */
  static StateEvent of(JsonNode event) {
    JsonNode state = event.has("state") ? event.get("state") : event.path("parentState");
    return new StateEvent(Type.of(event.path("type").asText()), Instant.ofEpochMilli(event.path("timestamp").asLong()),
        text(state.get("name")), text(state.get("type")), event.hasNonNull("index") ? event.get("index").asInt() : null,
        json(event.has("input") ? event.get("input") : state.get("input")),
        json(event.has("output") ? event.get("output") : state.get("output")),
        text(event.get("Error")), text(event.get("Cause")), event.toString());
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static String json(JsonNode node) {
    return node == null ? null : node.toString();
  }
}
