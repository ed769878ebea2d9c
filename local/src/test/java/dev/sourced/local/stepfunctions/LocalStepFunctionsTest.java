package dev.sourced.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Definitions shaped as the CDK stack writes them run in aws-local-stepfunctions on Node.js 22 (found or provisioned
 * once for the class), their Task states invoking Java functions through the local Lambda Invoke endpoint.
 */
class LocalStepFunctionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  /** Each segment replays in this many batches. */
  private static final int BATCHES = 3;

  private static final Map<String, Queue<JsonNode>> PAYLOADS = new ConcurrentHashMap<>();
  private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
  private static final AtomicInteger MOST_IN_FLIGHT = new AtomicInteger();
  private static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
  private static LocalStepFunctions stepFunctions;

  @BeforeAll
  static void start() {
    stepFunctions = LocalStepFunctions.builder().functions(LocalStepFunctionsTest::invoke).start();
  }

  @AfterAll
  static void stop() {
    stepFunctions.close();
  }

  @BeforeEach
  void forget() {
    PAYLOADS.clear();
    MOST_IN_FLIGHT.set(0);
  }

  /** The test's functions, as the local cloud would run them. */
  private static String invoke(String function, String payload) throws Exception {
    JsonNode input = JSON.readTree(payload);
    PAYLOADS.computeIfAbsent(function, name -> new ConcurrentLinkedQueue<>()).add(input);
    switch (function) {
      case "shopping-cart-replay" -> {
        MOST_IN_FLIGHT.accumulateAndGet(IN_FLIGHT.incrementAndGet(), Math::max);
        try {
          Thread.sleep(20);
          int cursor = input.path("cursor").asInt(0) + 1;
          ObjectNode result = JSON.createObjectNode().put("segment", input.get("segment").asInt())
              .put("totalSegments", input.get("totalSegments").asInt()).put("cursor", cursor).put("done", cursor == BATCHES);
          return result.toString();
        } finally {
          IN_FLIGHT.decrementAndGet();
        }
      }
      case "flaky" -> {
        if (FAILURES_LEFT.getAndDecrement() > 0) {
          throw new IllegalStateException("the view table is still being created");
        }
        return "{\"ok\":true}";
      }
      case "broken" -> throw new IllegalArgumentException("segment 7 does not exist");
      default -> throw new NoSuchFunctionException(function);
    }
  }

  /** The replay's shape: an inline Map over segments, each looping Task → Choice → Wait until the function says done. */
  private static final String REPLAY = """
      {
        "StartAt": "ReplaySegments",
        "States": {
          "ReplaySegments": {
            "Type": "Map",
            "ItemsPath": "$.segments",
            "MaxConcurrency": 2,
            "ItemSelector": {"segment.$": "$$.Map.Item.Value", "totalSegments.$": "$.totalSegments"},
            "ItemProcessor": {
              "ProcessorConfig": {"Mode": "INLINE"},
              "StartAt": "ReplayBatch",
              "States": {
                "ReplayBatch": {"Type": "Task", "Resource": "%sshopping-cart-replay", "Next": "SegmentDone?"},
                "SegmentDone?": {
                  "Type": "Choice",
                  "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "SegmentReplayed"}],
                  "Default": "Breathe"
                },
                "Breathe": {"Type": "Wait", "Seconds": 3600, "Next": "ReplayBatch"},
                "SegmentReplayed": {"Type": "Succeed"}
              }
            },
            "ResultPath": "$.replayed",
            "Next": "Report"
          },
          "Report": {
            "Type": "Pass",
            "Parameters": {"segments.$": "$.replayed", "execution.$": "$$.Execution.Id"},
            "End": true
          }
        }
      }
      """.formatted(ARN);

  @Test
  void replay_mapsOverSegments_loopingEachUntilTheFunctionSaysDone() throws Exception {
    Queue<StateEvent> events = new ConcurrentLinkedQueue<>();
    Execution execution = stepFunctions.start(REPLAY, "{\"segments\":[0,1,2,3],\"totalSegments\":4}", ExecutionOptions.builder()
        .stateMachineName("shopping-cart-replay").executionName("replay-1")
        .waitTimeOverride("Breathe", Duration.ofMillis(5)).listener(events::add).build());

    JsonNode output = JSON.readTree(execution.await(TIMEOUT));

    assertThat(execution.id()).isEqualTo("arn:aws:states:us-east-1:000000000000:execution:shopping-cart-replay:replay-1");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(output.get("execution").asText()).isEqualTo(execution.id());
    for (int segment = 0; segment < 4; segment++) {
      assertThat(output.get("segments").get(segment)).isEqualTo(JSON.readTree(
          "{\"segment\":" + segment + ",\"totalSegments\":4,\"cursor\":3,\"done\":true}"));
      int expected = segment;
      assertThat(PAYLOADS.get("shopping-cart-replay")).filteredOn(payload -> payload.get("segment").asInt() == expected)
          .extracting(payload -> payload.path("cursor").asInt(0)).containsExactly(0, 1, 2);
    }
    // each segment's first batch gets what the ItemSelector made of the item
    assertThat(PAYLOADS.get("shopping-cart-replay")).filteredOn(payload -> !payload.has("cursor")).extracting(JsonNode::toString)
        .containsExactlyInAnyOrder(IntStream.range(0, 4).mapToObj(i -> "{\"segment\":" + i + ",\"totalSegments\":4}").toArray(String[]::new));
    assertThat(MOST_IN_FLIGHT.get()).isBetween(1, 2);
    assertThat(events).filteredOn(event -> event.type() == StateEvent.Type.MAP_ITERATION_SUCCEEDED)
        .extracting(StateEvent::index).containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(events).filteredOn(event -> event.type() == StateEvent.Type.STATE_ENTERED && "Breathe".equals(event.stateName()))
        .hasSize(4 * (BATCHES - 1)).allSatisfy(event -> assertThat(event.index()).isNotNull());
    assertThat(execution.events()).containsExactlyElementsOf(events);
    assertThat(events.peek().type()).isEqualTo(StateEvent.Type.EXECUTION_STARTED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"java.lang.IllegalStateException", "States.TaskFailed", "States.ALL"})
  void functionError_isRetried(String errorEquals) {
    FAILURES_LEFT.set(2);
    String definition = """
        {"StartAt": "CreateView", "States": {"CreateView": {"Type": "Task", "Resource": "%sflaky",
          "Retry": [{"ErrorEquals": ["%s"], "IntervalSeconds": 2, "MaxAttempts": 2}], "End": true}}}
        """.formatted(ARN, errorEquals);

    Execution execution = stepFunctions.start(definition, "{\"view\":\"cart-summary\"}",
        ExecutionOptions.builder().retryIntervalOverride("CreateView", Duration.ZERO).build());

    assertThat(execution.await(TIMEOUT)).isEqualTo("{\"ok\":true}");
    assertThat(PAYLOADS.get("flaky")).hasSize(3).allSatisfy(payload -> assertThat(payload.get("view").asText()).isEqualTo("cart-summary"));
    assertThat(execution.events()).filteredOn(event -> event.type() == StateEvent.Type.STATE_FAILED)
        .extracting(StateEvent::error).containsExactly("java.lang.IllegalStateException", "java.lang.IllegalStateException");
    assertThat(execution.events()).filteredOn(event -> event.type() == StateEvent.Type.STATE_RETRIED).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"java.lang.IllegalArgumentException", "States.TaskFailed", "States.ALL"})
  void functionError_isCaught(String errorEquals) throws Exception {
    String definition = """
        {"StartAt": "ReplaySegment", "States": {
          "ReplaySegment": {"Type": "Task", "Resource": "%sbroken",
            "Catch": [{"ErrorEquals": ["%s"], "ResultPath": "$.failure", "Next": "MarkFailed"}], "End": true},
          "MarkFailed": {"Type": "Pass", "Result": "failed", "ResultPath": "$.outcome", "End": true}}}
        """.formatted(ARN, errorEquals);

    JsonNode output = JSON.readTree(stepFunctions.start(definition, "{\"segment\":7}").await(TIMEOUT));

    assertThat(output.get("segment").asInt()).isEqualTo(7);
    assertThat(output.get("outcome").asText()).isEqualTo("failed");
    assertThat(output.get("failure").get("Error").asText()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(output.get("failure").get("Cause").asText()).isEqualTo("java.lang.IllegalArgumentException: segment 7 does not exist");
    assertThat(PAYLOADS.get("broken")).containsExactly(JSON.readTree("{\"segment\":7}"));
  }

  @Test
  void uncaughtFunctionError_failsTheExecutionWithTheFunctionsErrorPayload() throws Exception {
    String definition = "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + ARN + "broken\",\"End\":true}}}";

    Execution execution = stepFunctions.start(definition, "{}");
    ExecutionFailedException failure = catchThrowableOfType(ExecutionFailedException.class, () -> execution.await(TIMEOUT));

    assertThat(failure.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failure.error()).isEqualTo("java.lang.IllegalArgumentException");
    JsonNode cause = JSON.readTree(failure.errorCause());
    assertThat(cause.get("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(cause.get("errorMessage").asText()).isEqualTo("segment 7 does not exist");
    assertThat(cause.get("stackTrace")).isNotEmpty();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.output()).isCompletedExceptionally();
  }

  @Test
  void failState_failsTheExecutionWithItsErrorAndCause() {
    String definition = """
        {"StartAt": "GiveUp", "States": {"GiveUp": {"Type": "Fail", "Error": "Replay.Abandoned", "Cause": "segment 2 keeps failing"}}}
        """;

    Execution execution = stepFunctions.start(definition, "{}");

    assertThatThrownBy(() -> execution.output().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(ExecutionFailedException.class, failure -> {
          assertThat(failure.error()).isEqualTo("Replay.Abandoned");
          assertThat(failure.errorCause()).isEqualTo("segment 2 keeps failing");
          assertThat(failure.executionId()).isEqualTo(execution.id());
        });
  }

  @Test
  void unknownFunction_failsTheTaskWithResourceNotFound() {
    String definition = "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + ARN + "nope\",\"End\":true}}}";

    ExecutionFailedException failure = catchThrowableOfType(ExecutionFailedException.class, () -> stepFunctions.start(definition, "{}").await(TIMEOUT));

    assertThat(failure.error()).isEqualTo("ResourceNotFoundException");
    assertThat(failure.errorCause()).isEqualTo("Function not found: " + ARN + "nope");
  }

  @Test
  void invalidDefinition_isRefusedWithTheValidatorsMessage() {
    String definition = """
        {"StartAt": "ReplayBatch", "States": {"ReplayBatch": {"Type": "Task", "Resource": "%sshopping-cart-replay", "Next": "Nowhere"}}}
        """.formatted(ARN);

    assertThatThrownBy(() -> stepFunctions.validate(definition)).isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("State machine definition is invalid").hasMessageContaining("Nowhere");
    assertThatThrownBy(() -> stepFunctions.start(definition, "{}").await(TIMEOUT)).isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("Nowhere");
    assertThatThrownBy(() -> stepFunctions.validate("{\"StartAt\": ")).isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("JSON");
    assertThat(PAYLOADS).isEmpty();
  }

  @Test
  void validDefinition_passesValidation() {
    stepFunctions.validate(REPLAY);
  }

  @Test
  void definitionsDifferingOnlyInTheirFunctions_areValidatedOnce_butAMalformedArnIsStillChecked() {
    String task = "{\"StartAt\":\"Read\",\"States\":{\"Read\":{\"Type\":\"Task\",\"Resource\":\"%s\",\"End\":true}}}";
    String first = task.formatted(ARN + "orders-replay-read:live");
    String other = task.formatted(ARN + "payments-replay-read:live");
    String malformed = task.formatted(ARN);
    String renamedState = first.replace("Read", "Fetch");

    stepFunctions.validate(first);

    assertThat(stepFunctions.isValidated(other)).isTrue();
    assertThat(stepFunctions.isValidated(renamedState)).isFalse();
    assertThat(stepFunctions.isValidated(task.formatted(ARN + "x".repeat(65)))).isFalse();
    assertThat(stepFunctions.isValidated(malformed)).isFalse();
    assertThatThrownBy(() -> stepFunctions.validate(malformed)).isInstanceOf(InvalidDefinitionException.class);
  }

  @Test
  void stop_abortsTheExecution_andTheOthersRunOn() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    String definition = "{\"StartAt\":\"Breathe\",\"States\":{\"Breathe\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}";
    String shortWait = "{\"StartAt\":\"Breathe\",\"States\":{\"Breathe\":{\"Type\":\"Wait\",\"Seconds\":1,\"End\":true}}}";
    Execution execution = stepFunctions.start(definition, "{}", ExecutionOptions.builder()
        .listener(event -> {
          if (event.type() == StateEvent.Type.STATE_ENTERED) {
            waiting.countDown();
          }
        }).build());
    Execution other = stepFunctions.start(shortWait, "{\"other\":true}");
    assertThat(waiting.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    execution.stop();

    ExecutionFailedException failure = catchThrowableOfType(ExecutionFailedException.class, () -> execution.await(Duration.ofSeconds(10)));
    assertThat(failure.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(execution.events()).extracting(StateEvent::type).contains(StateEvent.Type.EXECUTION_ABORTED);
    assertThat(other.await(TIMEOUT)).isEqualTo("{\"other\":true}");
  }

  @Test
  void executionLongerThanTimeoutSeconds_timesOut() {
    String definition = "{\"TimeoutSeconds\":1,\"StartAt\":\"Breathe\",\"States\":{\"Breathe\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}";

    ExecutionFailedException failure = catchThrowableOfType(ExecutionFailedException.class, () -> stepFunctions.start(definition, "{}").await(TIMEOUT));

    assertThat(failure.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(failure.error()).isEqualTo("States.Timeout");
  }

  @Test
  void inputThatIsNotJson_isRefusedAtOnce() {
    assertThatThrownBy(() -> stepFunctions.start(REPLAY, "{segments"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input is not JSON");
  }

  @Test
  void nodeProcessEndingWithoutResult_failsTheOutputWithItsStderrTail(@TempDir Path folder) throws Exception {
    Path crashing = Files.writeString(folder.resolve("crashing-runner.mjs"),
        "console.error('reading the request'); throw new Error('the interpreter broke');\n");
    NodeRuntime broken = new NodeRuntime(stepFunctions.runtime().node(), stepFunctions.runtime().nodeVersion(), crashing);
    List<String> log = new CopyOnWriteArrayList<>();

    try (LocalStepFunctions crashes = LocalStepFunctions.builder().runtime(broken).functions(LocalStepFunctionsTest::invoke).log(log::add).start()) {
      Execution execution = crashes.start(REPLAY, "{}", ExecutionOptions.builder().executionName("crash-1").build());

      InterpreterCrashedException crash = catchThrowableOfType(InterpreterCrashedException.class, () -> execution.await(TIMEOUT));
      assertThat(crash.exitCode()).isEqualTo(1);
      assertThat(crash.stderrTail()).contains("reading the request", "Error: the interpreter broke");
      assertThat(crash).hasMessageContaining("ended with exit code 1 and no result").hasMessageContaining("the interpreter broke");
      assertThat(log).contains("[runner] reading the request");
    }
  }

  @Test
  void nodeProcessKilled_failsTheExecutionsItRan_andTheNextExecutionRunsInANewOne() throws Exception {
    String definition = "{\"StartAt\":\"Breathe\",\"States\":{\"Breathe\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}";
    try (LocalStepFunctions own = LocalStepFunctions.builder().runtime(stepFunctions.runtime()).functions(LocalStepFunctionsTest::invoke)
        .log(line -> { }).start()) {
      CountDownLatch waiting = new CountDownLatch(2);
      ExecutionOptions options = ExecutionOptions.builder().listener(event -> {
        if (event.type() == StateEvent.Type.STATE_ENTERED) {
          waiting.countDown();
        }
      }).build();
      List<Execution> killed = List.of(own.start(definition, "{}", options), own.start(definition, "{}", options));
      assertThat(waiting.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      NodeRunner first = own.runner();

      first.kill();

      for (Execution execution : killed) {
        assertThat(catchThrowableOfType(InterpreterCrashedException.class, () -> execution.await(TIMEOUT)).exitCode()).isNotZero();
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      }
      assertThat(own.start("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}", "{\"after\":\"kill\"}")
          .await(TIMEOUT)).isEqualTo("{\"after\":\"kill\"}");
      assertThat(own.runner().process().pid()).isNotEqualTo(first.process().pid());
    }
  }

  @Test
  void executionsRunConcurrently_inOneNodeProcess() {
    String definition = "{\"StartAt\":\"Breathe\",\"States\":{\"Breathe\":{\"Type\":\"Wait\",\"Seconds\":1,\"End\":true}}}";
    List<String> order = new CopyOnWriteArrayList<>();
    ProcessHandle runner = stepFunctions.runner().process();
    Set<ProcessHandle> childrenBefore = ProcessHandle.current().children().collect(Collectors.toSet());

    List<Execution> executions = IntStream.rangeClosed(1, 3).mapToObj(n -> stepFunctions.start(definition, "{\"n\":" + n + "}",
        ExecutionOptions.builder().listener(event -> order.add(n + " " + event.type())).build())).toList();

    assertThat(executions).extracting(execution -> execution.await(TIMEOUT)).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
    // each started before the first ended: they ran side by side
    assertThat(order.indexOf("3 " + StateEvent.Type.EXECUTION_STARTED)).isLessThan(order.indexOf("1 " + StateEvent.Type.EXECUTION_SUCCEEDED));
    assertThat(stepFunctions.runner().process()).isEqualTo(runner);
    assertThat(childrenBefore).contains(runner);
    assertThat(ProcessHandle.current().children()).as("no process started for these executions").allMatch(childrenBefore::contains);
  }
}
