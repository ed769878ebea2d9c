package dev.sourced.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One running (or ended) execution of a state machine, run by the node process of its {@link LocalStepFunctions}
 * (one process runs them all); started by {@link LocalStepFunctions#start}. Its {@link #output()} completes with the
 * execution's output, or exceptionally with {@link ExecutionFailedException} (the ASL error and cause),
 * {@link InvalidDefinitionException} (the validator's message) or {@link InterpreterCrashedException} (the node
 * process ended while it ran; with the process's stderr tail).
 */
public final class Execution {
  private final String id;
  private final Consumer<StateEvent> listener;
  private final Consumer<String> log;
  private final Consumer<Execution> onValidated;
  private final CompletableFuture<String> output = new CompletableFuture<>();
  private final List<StateEvent> events = new ArrayList<>();
  private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
  private volatile boolean stopped;
  private volatile NodeRunner runner;
  private volatile String runnerId;
  private boolean ended;

  /**
   * @param onValidated told once the definition passed validation (when the execution starts)
   */
  Execution(String id, Consumer<StateEvent> listener, Consumer<String> log, Consumer<Execution> onValidated) {
    this.id = id;
    this.listener = listener;
    this.log = log;
    this.onValidated = onValidated;
    // a cancelled future is a stopped execution
    output.whenComplete((result, failure) -> {
      if (output.isCancelled()) {
        stop();
      }
    });
  }

  /** Called by the runner as it sends the execution's request: what {@link #stop()} asks. */
  void runBy(NodeRunner runner, String runnerId) {
    this.runner = runner;
    this.runnerId = runnerId;
  }

  /** @return the execution's ARN, {@code arn:aws:states:us-east-1:000000000000:execution:<state machine>:<name>} */
  public String id() {
    return id;
  }

  /** @return where it is */
  public ExecutionStatus status() {
    return status;
  }

  /** @return its output (JSON), when it succeeds; cancelling it {@linkplain #stop() stops} the execution */
  public CompletableFuture<String> output() {
    return output;
  }

  /**
   * Waits for the output.
   *
   * @param timeout how long to wait
   * @return the execution's output (JSON)
   * @throws ExecutionFailedException when it failed, timed out or was stopped
   * @throws InvalidDefinitionException when the definition is invalid
   * @throws InterpreterCrashedException when the node process ended without a result
   * @throws IllegalStateException when it did not end in time (it goes on running)
   */
  public String await(Duration timeout) {
    try {
      return output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      List<StateEvent> seen = events();
      throw new IllegalStateException("execution " + id + " did not end within " + timeout + "; its last event: "
          + (seen.isEmpty() ? "none" : seen.get(seen.size() - 1).json()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for execution " + id, e);
    }
  }

  /** @return its events so far, in order */
  public List<StateEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /**
   * Stops the execution: the node process aborts it, and its output fails with {@link ExecutionFailedException} of
   * status {@link ExecutionStatus#ABORTED}. Does nothing once it ended.
   */
  public void stop() {
    if (status != ExecutionStatus.RUNNING) {
      return;
    }
    stopped = true;
    NodeRunner by = runner;
    if (by != null) {
      by.stop(runnerId);
    }
  }

  /** An event of the execution, as the runner script wrote it. */
  void event(JsonNode json) {
    StateEvent event = StateEvent.of(json);
    if (event.type() == StateEvent.Type.EXECUTION_STARTED) {
      onValidated.accept(this);
    }
    synchronized (events) {
      events.add(event);
    }
    try {
      listener.accept(event);
    } catch (RuntimeException e) {
      log.accept("the listener of execution " + id + " failed on " + event.type() + ": " + e);
    }
  }

  /**
   * Ends the execution, once (later calls do nothing).
   *
   * @param result the runner script's result, or null when the process ended without one
   * @param crash how the process ended, when there is no result
   */
  synchronized void end(JsonNode result, NodeRunner.InterpreterCrash crash) {
    if (ended) {
      return;
    }
    ended = true;
    if (result == null) {
      if (stopped) {
        fail(ExecutionStatus.ABORTED, new ExecutionFailedException(id, ExecutionStatus.ABORTED, "ExecutionAborted", "stopped with Execution.stop()"));
      } else {
        fail(ExecutionStatus.FAILED, new InterpreterCrashedException(id, crash.exitCode(), crash.stderrTail()));
      }
      return;
    }
    String outcome = result.path("status").asText();
    switch (outcome) {
      case "SUCCEEDED" -> {
        status = ExecutionStatus.SUCCEEDED;
        output.complete(result.path("output").toString());
      }
      case "VALID" -> {
        // a validation only (LocalStepFunctions.validate): there is no output
        status = ExecutionStatus.SUCCEEDED;
        output.complete("null");
      }
      case "INVALID" -> fail(ExecutionStatus.FAILED, new InvalidDefinitionException(result.path("cause").asText()));
      default -> {
        ExecutionStatus ended = ExecutionStatus.valueOf(outcome);
        fail(ended, new ExecutionFailedException(id, ended, result.path("error").asText(null), result.path("cause").asText(null)));
      }
    }
  }

  private void fail(ExecutionStatus ended, RuntimeException failure) {
    status = ended;
    output.completeExceptionally(failure);
  }

  @Override
  public String toString() {
    return "execution " + id + " " + status;
  }
}
