package dev.sourced.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One node process running the executions of a {@link LocalStepFunctions}, all at once (the runner script's protocol:
 * JSON lines in, each naming its execution, JSON lines out). Loading the interpreter and the AWS SDK costs a node process
 * about 0.3 s of CPU and 70 MB; a local cloud that replays hundreds of projections when it starts paid that hundreds of
 * times at once. When the process ends, every execution it still ran fails with {@link InterpreterCrashedException}; the
 * next execution starts a new one.
 */
final class NodeRunner implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How many of the node process's last stderr lines a crash reports. */
  static final int STDERR_TAIL = 20;

  private final Process process;
  private final OutputStream stdin;
  private final Consumer<String> log;
  private final Map<String, Execution> executions = new ConcurrentHashMap<>();
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private final AtomicLong ids = new AtomicLong();
  private final Thread stderr;
  private volatile boolean ended;

  private NodeRunner(Process process, Consumer<String> log) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.log = log;
    this.stderr = daemon(this::readStderr, "sourced-sfn-stderr");
    stderr.start();
    daemon(this::readStdout, "sourced-sfn-stdout").start();
  }

  /**
   * Starts the runner script of {@code runtime}.
   *
   * @param lambdaEndpoint where its Task states invoke Lambda
   * @param log told each line it writes to stderr
   */
  static NodeRunner start(NodeRuntime runtime, URI lambdaEndpoint, Consumer<String> log) {
    ProcessBuilder builder = new ProcessBuilder(runtime.node().toString(), runtime.runnerScript().toString())
        .directory(runtime.runnerScript().getParent().toFile());
    Map<String, String> environment = builder.environment();
    // the JVM's own AWS settings (profile, credentials, endpoints) must not send an invocation to AWS
    environment.keySet().removeIf(variable -> variable.startsWith("AWS_"));
    environment.put("AWS_ENDPOINT_URL_LAMBDA", lambdaEndpoint.toString());
    environment.put("AWS_ACCESS_KEY_ID", "local");
    environment.put("AWS_SECRET_ACCESS_KEY", "local");
    environment.put("AWS_REGION", LocalStepFunctions.REGION);
    environment.put("SOURCED_OWNER_PID", Long.toString(ProcessHandle.current().pid())); // the runner ends when this JVM does
    try {
      return new NodeRunner(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + runtime.node() + " for state machine executions", e);
    }
  }

  private static Thread daemon(Runnable work, String name) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    return thread;
  }

  /** @return whether the process has ended (or is ending): it takes no more executions */
  boolean ended() {
    return ended || !process.isAlive();
  }

  /** @return the node process */
  ProcessHandle process() {
    return process.toHandle();
  }

  /**
   * Sends an execution's request and routes its events and result to it.
   *
   * @param execution the execution, which has not started
   * @param request the runner script's start request
   */
  void run(Execution execution, JsonNode request) {
    String id = Long.toString(ids.incrementAndGet());
    executions.put(id, execution);
    execution.runBy(this, id);
    ObjectNode message = JSON.createObjectNode().put("id", id);
    message.set("start", request);
    if (!send(message)) {
      // the process ended before it took the request: its end (readStdout) reports why, unless it already did
      executions.remove(id);
      execution.end(null, crash());
    }
  }

  /** Asks the runner to abort an execution; its result (ABORTED) follows, or the process's end. */
  void stop(String id) {
    send(JSON.createObjectNode().put("id", id).put("stop", true));
  }

  private synchronized boolean send(ObjectNode message) {
    if (ended) {
      return false;
    }
    try {
      stdin.write(JSON.writeValueAsBytes(message));
      stdin.write('\n');
      stdin.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void readStdout() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        accept(line);
      }
    } catch (IOException e) {
      log.accept("could not read the state machine runner's output: " + e);
    }
    try {
      process.waitFor();
      stderr.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      ended = true;
    }
    InterpreterCrash crash = crash();
    for (String id : List.copyOf(executions.keySet())) {
      Execution execution = executions.remove(id);
      if (execution != null) {
        execution.end(null, crash);
      }
    }
  }

  private InterpreterCrash crash() {
    int exit;
    try {
      exit = process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exit = -1;
    }
    synchronized (stderrTail) {
      return new InterpreterCrash(exit, String.join("\n", stderrTail));
    }
  }

  private void accept(String line) {
    JsonNode message;
    try {
      message = JSON.readTree(line);
    } catch (IOException e) {
      log.accept(line);
      return;
    }
    Execution execution = message.hasNonNull("id") ? executions.get(message.get("id").asText()) : null;
    if (execution == null) {
      log.accept(line);
    } else if (message.has("event")) {
      execution.event(message.get("event"));
    } else if (message.has("result")) {
      executions.remove(message.get("id").asText());
      execution.end(message.get("result"), null);
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

  /** Ends the process: closes its input (it ends itself), then destroys it if it has not ended within 5 s. */
  @Override
  public void close() {
    synchronized (this) {
      ended = true;
      try {
        stdin.close();
      } catch (IOException e) {
        // already gone
      }
    }
    process.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(timeout -> {
      process.destroyForcibly();
      return process;
    });
  }

  /** Kills the process at once (a test's way of making it crash). */
  void kill() {
    process.destroyForcibly();
  }

  /**
   * How the process ended.
   *
   * @param exitCode its exit code, -1 when it has not ended
   * @param stderrTail the last lines it wrote to stderr
   */
  record InterpreterCrash(int exitCode, String stderrTail) {}
}
