package dev.sourced.local.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs Amazon States Language state machines locally: the same definition the CDK stack deploys, interpreted by
 * aws-local-stepfunctions on Node.js, in one node process that runs every execution (started with the first, and again
 * after it ended). Task states must name Lambda functions by their
 * ARN or name ({@code "Resource": "arn:aws:lambda:us-east-1:000000000000:function:shopping-cart-replay"}; in the CDK,
 * {@code LambdaInvoke} with {@code payloadResponseOnly(true)}); the optimized integration
 * {@code arn:aws:states:::lambda:invoke} is not interpreted. Their invocations reach a {@link LambdaInvokeEndpoint},
 * which calls the {@link FunctionInvoker} given here.
 *
 * <pre>{@code
 * try (LocalStepFunctions stepFunctions = LocalStepFunctions.builder()
 *     .functions((function, payload) -> cloud.invoke(function, payload))
 *     .start()) {
 *   Execution execution = stepFunctions.start(definition, "{\"projection\":\"cart-summary\"}",
 *       ExecutionOptions.builder().waitTimeOverride("WaitForCatchUp", Duration.ofMillis(5)).build());
 *   String output = execution.await(Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * <p>The node process gets {@code AWS_ENDPOINT_URL_LAMBDA} (the endpoint), {@code AWS_REGION=us-east-1} and the
 * credentials {@code local}/{@code local}, and none of the JVM's other {@code AWS_*} variables, so nothing reaches AWS.
 * A definition is validated by asl-validator (the interpreter's default) in its first execution, or by
 * {@link #validate}; later executions of the same definition skip it, as Step Functions validates at
 * {@code CreateStateMachine}. So do definitions that differ from a validated one only in which Lambda functions they
 * name by well-formed ARNs ({@code arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]}): a local cloud
 * replaying each of its projections runs one such definition per projection, and asl-validator compiles its JSON
 * schemas again for each validation (0.1–0.3 s of Node's time, one after another in the one node process).
 */
public final class LocalStepFunctions implements AutoCloseable {
  /** The region of the ARNs. */
  public static final String REGION = "us-east-1";
  /** The account of the ARNs. */
  public static final String ACCOUNT = "000000000000";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A Lambda function's ARN, with the name and qualifier Lambda allows, and nothing around it that could belong to it. */
  private static final Pattern FUNCTION_ARN = Pattern.compile(
      "(?<![\\w:-])arn:aws:lambda:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?(?![\\w$:*/-])");

  private final NodeRuntime runtime;
  private final LambdaInvokeEndpoint endpoint;
  private final Consumer<String> log;
  private final Set<String> validated = ConcurrentHashMap.newKeySet();
  private final Set<Execution> running = ConcurrentHashMap.newKeySet();
  private NodeRunner runner;
  private volatile boolean closed;

  private LocalStepFunctions(NodeRuntime runtime, LambdaInvokeEndpoint endpoint, Consumer<String> log) {
    this.runtime = runtime;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the Node.js and interpreter that run the executions */
  public NodeRuntime runtime() {
    return runtime;
  }

  /** @return the Lambda Invoke endpoint the executions' Task states call */
  public URI lambdaEndpoint() {
    return endpoint.endpoint();
  }

  /**
   * Starts an execution with the {@linkplain ExecutionOptions#defaults() default options}.
   *
   * @param definition the state machine's definition (ASL JSON)
   * @param input the execution's input (JSON)
   * @return the running execution
   */
  public Execution start(String definition, String input) {
    return start(definition, input, ExecutionOptions.defaults());
  }

  /**
   * Starts an execution in the node process (starting it, when none runs).
   *
   * @param definition the state machine's definition (ASL JSON); when invalid, the execution's output fails with
   *     {@link InvalidDefinitionException}
   * @param input the execution's input (JSON)
   * @param options names, overrides and a listener
   * @return the running execution
   * @throws IllegalArgumentException when the input is not JSON
   */
  public Execution start(String definition, String input, ExecutionOptions options) {
    Objects.requireNonNull(definition, "definition");
    requireOpen();
    String name = options.executionName() != null ? options.executionName() : UUID.randomUUID().toString();
    String id = "arn:aws:states:" + REGION + ":" + ACCOUNT + ":execution:" + options.stateMachineName() + ":" + name;
    String key = key(definition);
    ObjectNode request = JSON.createObjectNode();
    request.put("definition", definition);
    request.set("input", json(input, "input"));
    if (validated.contains(key)) {
      request.putObject("validation").put("noValidate", true);
    }
    ObjectNode waits = request.putObject("waitTimeOverrides");
    options.waitTimeOverrides().forEach((state, wait) -> waits.put(state, wait.toMillis()));
    ObjectNode retries = request.putObject("retryIntervalOverrides");
    options.retryIntervalOverrides().forEach((state, interval) -> retries.put(state, interval.toMillis()));
    ObjectNode context = request.putObject("context");
    context.putObject("Execution").put("Id", id).put("Name", name);
    context.putObject("StateMachine")
        .put("Id", "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + options.stateMachineName())
        .put("Name", options.stateMachineName());
    Consumer<String> executionLog = line -> log.accept("[" + options.stateMachineName() + ":" + name + "] " + line);
    Execution execution = new Execution(id, options.listener(), executionLog, started -> validated.add(key));
    running.add(execution);
    execution.output().whenComplete((output, failure) -> running.remove(execution));
    runner().run(execution, request);
    return execution;
  }

  /**
   * Validates a definition as its first execution would, with asl-validator; a valid one is not validated again.
   *
   * @param definition the state machine's definition (ASL JSON)
   * @throws InvalidDefinitionException with the validator's message, when it is invalid
   */
  public void validate(String definition) {
    String key = key(definition);
    if (validated.contains(key)) {
      return;
    }
    requireOpen();
    ObjectNode request = JSON.createObjectNode();
    request.put("definition", definition);
    request.put("validateOnly", true);
    Execution validation = new Execution("validation", event -> { }, log, validated -> { });
    runner().run(validation, request);
    validation.await(Duration.ofMinutes(1));
    validated.add(key);
  }

  /** @return whether a definition counts as validated: its own first execution or {@link #validate} need not check it */
  boolean isValidated(String definition) {
    return validated.contains(key(definition));
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("these local Step Functions are closed: their Lambda endpoint no longer answers");
    }
  }

  /** @return the node process that runs the executions: the running one, or a new one when there is none or it ended */
  synchronized NodeRunner runner() {
    requireOpen();
    if (runner == null || runner.ended()) {
      runner = NodeRunner.start(runtime, endpoint.endpoint(), line -> log.accept("[runner] " + line));
    }
    return runner;
  }

  private static JsonNode json(String json, String what) {
    try {
      return JSON.readTree(json == null ? "{}" : json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the execution's " + what + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * @return what decides whether a definition was validated: its SHA-256, with each well-formed Lambda function ARN
   *     replaced by one placeholder (a malformed one is left as it is, so it is validated)
   */
  static String key(String definition) {
    String shape = FUNCTION_ARN.matcher(definition).replaceAll("arn:aws:lambda:us-east-1:000000000000:function:f");
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(shape.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the running executions, the node process and the endpoint. */
  @Override
  public void close() {
    closed = true;
    for (Execution execution : List.copyOf(running)) {
      execution.stop();
    }
    synchronized (this) {
      if (runner != null) {
        runner.close();
      }
    }
    endpoint.close();
  }

  /** Builds and starts {@link LocalStepFunctions}. */
  public static final class Builder {
    private FunctionInvoker functions;
    private NodeRuntime runtime;
    private Consumer<String> log = line -> System.err.println("stepfunctions " + line);

    private Builder() {}

    /**
     * @param functions runs the functions the Task states invoke
     * @return this
     */
    public Builder functions(FunctionInvoker functions) {
      this.functions = functions;
      return this;
    }

    /**
     * @param runtime the Node.js and interpreter to run
     * @return this
     * @default {@link NodeRuntime#provision()}
     */
    public Builder runtime(NodeRuntime runtime) {
      this.runtime = runtime;
      return this;
    }

    /**
     * @param log told each line the node process writes to stderr (prefixed with {@code [runner]}), what went wrong
     *     in an execution's listener (prefixed with its names), and what provisioning installs
     * @return this
     * @default stderr
     */
    public Builder log(Consumer<String> log) {
      this.log = log;
      return this;
    }

    /**
     * Provisions the runtime if none was given, and starts the Lambda Invoke endpoint.
     *
     * @return running local Step Functions
     * @throws ProvisioningException when the runtime cannot be found nor installed
     */
    public LocalStepFunctions start() {
      Objects.requireNonNull(functions, "functions: set what runs the functions the Task states invoke");
      NodeRuntime node = runtime != null ? runtime : NodeRuntime.provision(NodeRuntime.home(), log);
      return new LocalStepFunctions(node, LambdaInvokeEndpoint.start(functions, REGION, ACCOUNT), log);
    }
  }
}
