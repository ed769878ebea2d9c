package dev.sourced.local.stepfunctions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to run one execution.
 *
 * @param stateMachineName the state machine's name, in the execution's ARN and the Context object
 * @param executionName the execution's name, in its ARN and the Context object; null for a random UUID per execution,
 *     as {@code StartExecution} gives
 * @param waitTimeOverrides how long named {@code Wait} states wait instead of what the definition says
 * @param retryIntervalOverrides how long named states wait before each retry instead of what their retriers say
 * @param listener told of every event of the execution, in order, on the thread that reads the node process's output
 */
public record ExecutionOptions(String stateMachineName, String executionName, Map<String, Duration> waitTimeOverrides,
    Map<String, Duration> retryIntervalOverrides, Consumer<StateEvent> listener) {

  /** Copies the overrides; a null state machine name is {@code local}, a null listener none. */
  public ExecutionOptions {
    stateMachineName = stateMachineName != null ? stateMachineName : "local";
    listener = listener != null ? listener : event -> { };
    waitTimeOverrides = Map.copyOf(waitTimeOverrides);
    retryIntervalOverrides = Map.copyOf(retryIntervalOverrides);
  }

  /** @return options with a state machine named {@code local}, a random execution name, no overrides and no listener */
  public static ExecutionOptions defaults() {
    return builder().build();
  }

  /** @return a builder, with the {@link #defaults()} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ExecutionOptions}. */
  public static final class Builder {
    private String stateMachineName = "local";
    private String executionName;
    private final Map<String, Duration> waitTimeOverrides = new LinkedHashMap<>();
    private final Map<String, Duration> retryIntervalOverrides = new LinkedHashMap<>();
    private Consumer<StateEvent> listener = event -> { };

    private Builder() {}

    /**
     * @param stateMachineName the state machine's name
     * @return this
     * @default {@code local}
     */
    public Builder stateMachineName(String stateMachineName) {
      this.stateMachineName = stateMachineName;
      return this;
    }

    /**
     * @param executionName the execution's name
     * @return this
     * @default a random UUID per execution, as {@code StartExecution} gives
     */
    public Builder executionName(String executionName) {
      this.executionName = executionName;
      return this;
    }

    /**
     * @param waitState a {@code Wait} state's name (in any {@code Map} iterator too)
     * @param wait how long it waits instead, e.g. a few milliseconds in a test
     * @return this
     */
    public Builder waitTimeOverride(String waitState, Duration wait) {
      waitTimeOverrides.put(waitState, wait);
      return this;
    }

    /**
     * @param state a state with a {@code Retry} field
     * @param interval how long it waits before each retry instead, e.g. {@link Duration#ZERO} in a test
     * @return this
     */
    public Builder retryIntervalOverride(String state, Duration interval) {
      retryIntervalOverrides.put(state, interval);
      return this;
    }

    /**
     * @param listener told of every event of the execution, in order
     * @return this
     * @default none
     */
    public Builder listener(Consumer<StateEvent> listener) {
      this.listener = listener;
      return this;
    }

    /** @return the options */
    public ExecutionOptions build() {
      return new ExecutionOptions(stateMachineName, executionName, waitTimeOverrides, retryIntervalOverrides, listener);
    }
  }
}
