package dev.sourced.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One running (or ended) execution of a state machine, in a node process of its own; started by
 * {@link LocalStepFunctions#start}. Its {@link #output()} completes with the execution's output, or exceptionally
 * with {@link ExecutionFailedException} (the ASL error and cause), {@link InvalidDefinitionException} (the
 * validator's message) or {@link InterpreterCrashedException} (the node process's stderr tail).
 */
public final class Execution {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How many of the node process's last stderr lines a crash reports. */
  static final int STDERR_TAIL = 20;

  private final String id;
  private final Process process;
  private final Consumer<StateEvent> listener;
  private final Consumer<String> log;
  private final Consumer<Execution> onValidated;
  private final CompletableFuture<String> output = new CompletableFuture<>();
  private final List<StateEvent> events = new ArrayList<>();
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
  private volatile boolean stopped;
  private JsonNode result;

  private Execution(String id, Process process, Consumer<StateEvent> listener, Consumer<String> log, Consumer<Execution> onValidated) {
    this.id = id;
    this.process = process;
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

  /**
   * Sends the request to a started node process and follows its output.
   *
   * @param onValidated told once the definition passed validation (when the execution starts)
   */
  static Execution follow(String id, Process process, JsonNode request, Consumer<StateEvent> listener, Consumer<String> log,
      Consumer<Execution> onValidated) {
    Execution execution = new Execution(id, process, listener, log, onValidated);
    Thread stderr = daemon(execution::readStderr, "sourced-sfn-stderr");
    Thread stdout = daemon(() -> execution.readStdout(stderr), "sourced-sfn-stdout");
    stderr.start();
    stdout.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(JSON.writeValueAsBytes(request));
    } catch (IOException e) {
      // the process ended before it read its request: reading its output reports why
    }
    return execution;
  }

  private static Thread daemon(Runnable work, String name) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    return thread;
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
   * Stops the execution by killing its node process; its output fails with {@link ExecutionFailedException} of status
   * {@link ExecutionStatus#ABORTED}. Does nothing once it ended.
   */
  public void stop() {
    if (status != ExecutionStatus.RUNNING) {
      return;
    }
    stopped = true;
    process.destroy();
    process.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(timeout -> {
      process.destroyForcibly();
      return process;
    });
  }

  private void readStdout(Thread stderr) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        accept(line);
      }
    } catch (IOException e) {
      log.accept("could not read the output of execution " + id + ": " + e);
    }
    try {
      process.waitFor();
      stderr.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    end();
  }

  private void accept(String line) {
    JsonNode message;
    try {
      message = JSON.readTree(line);
    } catch (IOException e) {
      log.accept(line);
      return;
    }
    if (message.has("event")) {
      StateEvent event = StateEvent.of(message.get("event"));
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
    } else if (message.has("result")) {
      result = message.get("result");
    } else {
      log.accept(line);
    }
  }

  private void readStderr() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        synchronized (stderrTail) {
          stderrTail.addLast(line);
          if (stderrTail.size() > STDERR_TAIL) {
            stderrTail.removeFirst();
          }
        }
        log.accept(line);
      }
    } catch (IOException e) {
      // the process is gone; what it wrote is in the tail
    }
  }

  private void end() {
    if (result == null) {
      if (stopped) {
        fail(ExecutionStatus.ABORTED, new ExecutionFailedException(id, ExecutionStatus.ABORTED, "ExecutionAborted", "stopped with Execution.stop()"));
      } else {
        String tail;
        synchronized (stderrTail) {
          tail = String.join("\n", stderrTail);
        }
        fail(ExecutionStatus.FAILED, new InterpreterCrashedException(id, process.exitValue(), tail));
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
