package dev.sourced.local.cloud;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.deployment.Deployment;
import dev.sourced.deployment.FunctionSpec;
import dev.sourced.deployment.QueueSpec;
import dev.sourced.deployment.RuleSpec;
import dev.sourced.deployment.Resource;
import dev.sourced.deployment.Trigger;
import dev.sourced.deployment.WorkflowSpec;
import dev.sourced.local.dynamodb.LocalDynamoDb;
import dev.sourced.local.eventbridge.LocalEventBridge;
import dev.sourced.local.scheduler.LocalScheduler;
import dev.sourced.local.sqs.LocalSqs;
import dev.sourced.local.sqs.QueuePoller;
import dev.sourced.local.stepfunctions.Execution;
import dev.sourced.local.stepfunctions.ExecutionOptions;
import dev.sourced.local.stepfunctions.ExecutionStatus;
import dev.sourced.local.stepfunctions.LocalStepFunctions;
import dev.sourced.local.stepfunctions.NoSuchFunctionException;
import dev.sourced.runtime.event.EventEnvelope;
import dev.sourced.runtime.projection.ProjectionEngine;
import dev.sourced.runtime.projection.ProjectionStatus;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.lambda.SourcedConfig;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.spi.SourcedApplication;
import dev.sourced.spi.TableKeys;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A Sourced application on a laptop, in one JVM: DynamoDB Local (in memory, or persisted to a folder),
 * ElasticMQ and an EventBridge emulator (event-ruler) on loopback ports, and the tables, queues, rules,
 * functions (each with the environment the description gives it), triggers and routes of the app's
 * {@link Deployment}, the one description the CDK stack is built from too: a stream poller feeding the
 * publisher function, one Lambda-like poller per queue trigger, and an HTTP API that turns requests into
 * API Gateway HTTP API (v2) events for the generated command and query functions. It keeps no list of
 * resources, settings or names of its own.
 *
 * <pre>{@code
 * try (LocalCloud cloud = LocalCloud.builder().app("shopping-cart").port(8080).start()) {
 *   // POST http://localhost:8080/shopping-cart/c1/open-cart …
 * }
 * }</pre>
 */
public final class LocalCloud implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SourcedApplication app;
  private final Deployment deployment;
  private final HopLog log;
  private final Duration visibilityTimeout;
  private final String functionLog;
  private final LocalDynamoDb dynamoDb;
  private final DynamoDbClient dynamoDbClient;
  private final DynamoDbStreamsClient streamsClient;
  private final LocalSqs sqs;
  private final LocalEventBridge bus;
  private final LocalScheduler scheduler;
  private final Map<String, RequestHandler<?, ?>> functions = new LinkedHashMap<>();
  private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
  private final Map<String, Predicate<JsonNode>> faults = new ConcurrentHashMap<>();
  private final List<Thread> workers = new CopyOnWriteArrayList<>();
  /** Each replay queue's pollers, by the queue's name. */
  private final Map<String, ReplayConsumers> replayConsumers = new ConcurrentHashMap<>();
  private final List<IdleWait> streamPollers = new CopyOnWriteArrayList<>();
  private final HttpApi http;
  private final StreamPositions streamPositions;
  private final Path dataDirectory;
  /**
   * The projection tables that miss nothing the in-memory queues may have lost: those of the last clean stop, and those
   * whose replay of the whole store succeeded since this cloud started; a table leaves it while such a replay runs, and
   * for good when one fails. A replay of one stream changes nothing here.
   */
  private final Set<String> upToDate = ConcurrentHashMap.newKeySet();
  /** Whether the local bus failed to deliver an event to a queue since this cloud started (then nothing is up to date). */
  private volatile boolean deliveryLost;
  private final Map<String, ReplayRun> replays = new ConcurrentHashMap<>();
  private volatile LocalStepFunctions stepFunctions;
  private volatile boolean running = true;
  private volatile boolean ready;

  private LocalCloud(Builder builder) {
    long started = System.nanoTime();
    this.log = new HopLog(builder.log);
    this.app = builder.application != null ? builder.application : application(builder.classLoader, builder.app);
    this.deployment = Deployment.of(app);
    this.visibilityTimeout = builder.visibilityTimeout;
    this.functionLog = builder.functionLog;
    this.streamPositions = StreamPositions.in(builder.dataDirectory);
    this.dataDirectory = builder.dataDirectory;
    this.upToDate.addAll(CleanStop.take(builder.dataDirectory, Instant.now()));
    this.http = HttpApi.start(this, builder.port);
    try {
      this.dynamoDb = LocalDynamoDb.start(builder.dataDirectory);
      this.dynamoDbClient = dynamoDb.client();
      this.streamsClient = dynamoDb.streamsClient();
      this.sqs = LocalSqs.start();
      this.bus = LocalEventBridge.start(sqs.client());
      this.scheduler = deployment.scheduleGroups().isEmpty() ? null : LocalScheduler.start(this::sendDeadline,
          line -> log.hop("schedule", line), builder.deadlinesAtMost);
      createResources();
      createFunctions();
      startPollers();
      replayVersionsNotReady(builder.dataDirectory != null);
      if (builder.dataDirectory == null) {
        // in memory the store starts empty: the projections' first replays end at once, and the cloud is ready when
        // they have (with a data folder they may take long, and run on while the console shows their progress)
        Map<String, String> failed = awaitReplays(Duration.ofMinutes(2));
        if (!failed.isEmpty()) {
          throw new IllegalStateException("the first replay of " + failed.keySet() + " failed: " + failed);
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    ready = true;
    log.hop("cloud", app.name() + " ready on " + baseUri() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms"
        + (builder.dataDirectory == null ? " (in memory)" : " (data in " + builder.dataDirectory + ")")
        + "; console " + baseUri().resolve("/_sourced"));
  }

  /** @return a builder; {@link Builder#start()} starts the cloud */
  public static Builder builder() {
    return new Builder();
  }

  /** What to run and how. */
  public static final class Builder {
    private String app;
    private int port;
    private Path dataDirectory;
    private Duration visibilityTimeout;
    private Consumer<String> log = System.out::println;
    private String functionLog = "warn";
    private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    private SourcedApplication application;
    private Duration deadlinesAtMost;

    private Builder() {}

    /**
     * @param application the application to run, instead of the one found on the class path (e.g. a registry whose
     *     projection version a test raises, to see the replay of a new version)
     */
    public Builder application(SourcedApplication application) {
      this.application = Objects.requireNonNull(application);
      return this;
    }

    /** @param app the application's name; default: the only one on the class path */
    public Builder app(String app) {
      this.app = app;
      return this;
    }

    /** @param port the HTTP API's port on localhost; default 0, a free one */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** @param dataDirectory where DynamoDB Local keeps its data, so events and views survive a restart; default: memory only */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = dataDirectory;
      return this;
    }

    /**
     * @param visibilityTimeout how long a projection message stays invisible after a receive, so how long
     *     a failed message waits before its next attempt; default each queue's in the deployment description
     *     ({@link Deployment#VISIBILITY_TIMEOUT}), as deployed. Tests shorten it to see redrive to the DLQ within seconds.
     */
    public Builder visibilityTimeout(Duration visibilityTimeout) {
      this.visibilityTimeout = Objects.requireNonNull(visibilityTimeout);
      return this;
    }

    /**
     * @param delay the longest a process manager's deadline waits here, however far ahead it is due; by default each
     *     runs at its time, as deployed. Tests that cannot wait minutes shorten it
     * @return this builder
     */
    public Builder deadlinesAtMost(Duration delay) {
      this.deadlinesAtMost = Objects.requireNonNull(delay);
      return this;
    }

    /** @param log where the one-line hops go; default standard out */
    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log);
      return this;
    }

    /**
     * @param level which of the functions' own JSON log lines are printed with the hops ({@code SOURCED_LOG}):
     *     {@code warn} (default: failures only, each one JSON line with its stack trace), {@code info} (every
     *     request and batch too), {@code error} or {@code off}
     */
    public Builder functionLog(String level) {
      dev.sourced.runtime.log.LogSink.of(level, line -> { }); // refuses an unknown level here, not at the first request
      this.functionLog = level;
      return this;
    }

    /** @param classLoader where the app's classes and app model are; default the thread's context class loader */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader);
      return this;
    }

    /** @return the running cloud; close it to stop every part */
    public LocalCloud start() {
      return new LocalCloud(this);
    }
  }

  /** @return the application of that name on the class path, or the only one when {@code name} is null */
  private static SourcedApplication application(ClassLoader loader, String name) {
    List<SourcedApplication> found = new ArrayList<>();
    ServiceLoader.load(SourcedApplication.class, loader).forEach(found::add);
    List<SourcedApplication> matching = found.stream().filter(a -> name == null || a.name().equals(name)).toList();
    if (matching.size() != 1) {
      throw new IllegalStateException((matching.isEmpty() ? "no" : "several") + " Sourced application" + (name == null ? "s" : " '" + name + "'")
          + " on the class path (found: " + found.stream().map(SourcedApplication::name).toList() + "); "
          + (matching.isEmpty() ? "compile it with the Sourced processor (annotationProcessorPaths)" : "name one"));
    }
    return matching.get(0);
  }

  private void createResources() {
    deployment.tables().forEach(dynamoDb::createTable);
    // dead-letter queues first: a queue's redrive policy names its dead-letter queue's ARN
    deployment.queues().stream().sorted(Comparator.comparing(queue -> queue.deadLetterQueue() != null))
        .forEach(queue -> queueUrls.put(queue.name(), sqs.createQueue(queue, visibilityTimeout(queue))));
    for (RuleSpec rule : deployment.rules()) {
      bus.addRule(rule.name(), rule.pattern(), queueUrls.get(rule.targetQueue()));
    }
    bus.onDelivery((event, rules) -> log.hop("deliver", describe(event) + " → " + (rules.isEmpty() ? "no rule matched" : String.join(", ", rules))));
    bus.onTargetFailure((rule, failure) -> {
      deliveryLost = true; // the publisher moved on: only a catch-up after a restart brings the event to its queue
      log.hop("deliver", "✗ rule " + rule + "'s target refused an event: " + failure.getMessage());
    });
  }

  /** @return a queue's visibility timeout here: the description's, or the builder's for queues a function consumes */
  private Duration visibilityTimeout(QueueSpec queue) {
    return visibilityTimeout != null && (queue.role() == QueueSpec.Role.PROJECTION || queue.role() == QueueSpec.Role.PROCESS_MANAGER)
        ? visibilityTimeout : queue.visibilityTimeout();
  }

  /** @return a resource's ARN here (local account and region), for the settings that hold one */
  private static String arn(Resource resource) {
    return switch (resource.kind()) {
      case QUEUE -> QueuePoller.queueArn(resource.name());
      case ROLE -> "arn:aws:iam::" + LocalStepFunctions.ACCOUNT + ":role/" + resource.name();
      default -> throw new IllegalArgumentException("no local ARN for " + resource);
    };
  }

  /**
   * @param function a function of the deployment
   * @return the settings the function runs with here: the environment the description gives it (the same
   *     variables the CDK stack sets; a table's or bus's local name is its logical name, a queue's setting its URL),
   *     plus the local endpoints
   *     and the level of its log lines ({@code SOURCED_LOG}, {@code warn} unless the builder says otherwise)
   */
  public Map<String, String> settings(FunctionSpec function) {
    Map<String, String> settings = new HashMap<>();
    function.environment().forEach((name, setting) -> settings.put(name, Deployment.resolve(setting,
        resource -> switch (resource.kind()) {
          case QUEUE -> queueUrl(resource.name());
          case ROLE -> arn(resource);
          default -> resource.name();
        }, LocalCloud::arn)));
    if (scheduler != null) {
      settings.put(SourcedConfig.SCHEDULER_ENDPOINT, scheduler.endpoint().toString());
    }
    settings.put(SourcedConfig.DYNAMODB_ENDPOINT, dynamoDb.endpoint().toString());
    settings.put(SourcedConfig.EVENTBRIDGE_ENDPOINT, bus.endpoint().toString());
    settings.put(SourcedConfig.SQS_ENDPOINT, sqs.endpoint().toString());
    settings.put(SourcedConfig.REGION, "us-east-1");
    settings.put(SourcedConfig.LOG, functionLog);
    return Map.copyOf(settings);
  }

  private void createFunctions() {
    for (FunctionSpec function : deployment.functions()) {
      // the functions' JSON lines are printed with the hops, each as it is (one line of JSON)
      SourcedConfig config = SourcedConfig.fromMap(settings(function)).withLogTarget(log::json);
      // initialization runs as the function (with its role, in AWS): its priming reads count as its calls
      functions.put(function.name(), Invocation.call(function.name(), () -> create(function, config)));
    }
  }

  private RequestHandler<?, ?> create(FunctionSpec function, SourcedConfig config) {
    Class<?> type;
    try {
      type = Class.forName(function.handler(), true, app.getClass().getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("no class " + function.handler() + " for function " + function.name() + ": compile "
          + app.name() + " with sourced-runtime on the class path, so the processor generates its Lambda entry points", e);
    }
    try {
      return (RequestHandler<?, ?>) type.getConstructor(SourcedConfig.class).newInstance(config);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not create function " + function.name() + " (" + function.handler() + "): " + e, e);
    }
  }

  /** One poller per stream or queue trigger, acting as that function's event source mapping. */
  private void startPollers() {
    for (FunctionSpec function : deployment.functions()) {
      function.triggers(Trigger.Stream.class).forEach(stream -> startStreamPoller(function, stream));
      function.triggers(Trigger.Queue.class).forEach(queue -> startQueuePoller(function, queue));
    }
  }

  private void startStreamPoller(FunctionSpec function, Trigger.Stream trigger) {
    @SuppressWarnings("unchecked")
    RequestHandler<DynamodbEvent, StreamsEventResponse> handler = (RequestHandler<DynamodbEvent, StreamsEventResponse>) functions.get(function.name());
    String streamArn = dynamoDbClient.describeTable(r -> r.tableName(trigger.table())).table().latestStreamArn();
    String failures = queueUrl(trigger.onFailure());
    StreamPoller streams = new StreamPoller(streamsClient, streamArn, trigger.batchSize(), trigger.maxRetries(),
        batch -> publish(function, handler, batch), (shard, records) -> gaveUp(function, trigger, streamArn, failures, shard, records),
        streamPositions);
    // DynamoDB Local's stream is in this JVM and cheap to poll: 1 ms after an empty poll, doubling to 50 ms
    // while nothing comes, and at once after a command (the HTTP API wakes it)
    IdleWait idle = new IdleWait(1, 50, TimeUnit.MILLISECONDS);
    streamPollers.add(idle);
    worker("stream-poller", Invocation.actingFor(function.name(), () -> {
      if (streams.pollOnce() > 0) {
        idle.found();
      } else {
        idle.nothingFound();
      }
    }));
  }

  private void startQueuePoller(FunctionSpec function, Trigger.Queue trigger) {
    @SuppressWarnings("unchecked")
    RequestHandler<SQSEvent, SQSBatchResponse> handler = (RequestHandler<SQSEvent, SQSBatchResponse>) functions.get(function.name());
    QueueSpec queue = deployment.queue(trigger.queue());
    QueuePoller poller = new QueuePoller(sqs.client(), queueUrl(queue.name()), trigger.batchSize(),
        batch -> project(function, queue, handler, batch));
    if (queue.role() == QueueSpec.Role.REPLAY) {
      // consumed only while its projection replays: a thousand projections would otherwise keep four thousand idle
      // pollers long-polling ElasticMQ, more connections than it takes
      replayConsumers.put(queue.name(), new ReplayConsumers(function, queue, poller,
          Math.min(trigger.maxConcurrency(), LOCAL_REPLAY_POLLERS)));
      return;
    }
    // a live queue is consumed by one poller, which keeps a local run's hop log in the order things happen
    worker("queue-poller-" + queue.name(), Invocation.actingFor(function.name(), () -> poller.pollOnce(1)));
  }

  /**
   * A replay queue's pollers, concurrent as Lambda invokes up to the mapping's maximum concurrency: started when a replay
   * of its projection starts, ended once no replay of it runs and the queue is empty (visible, in flight and delayed:
   * a message that fails is polled until the redrive policy dead-letters it).
   */
  private final class ReplayConsumers {
    private final FunctionSpec function;
    private final QueueSpec queue;
    private final QueuePoller poller;
    private final int pollers;
    private int replays;
    private int alive;
    private int started;

    ReplayConsumers(FunctionSpec function, QueueSpec queue, QueuePoller poller, int pollers) {
      this.function = function;
      this.queue = queue;
      this.poller = poller;
      this.pollers = pollers;
    }

    synchronized void replayStarted() {
      replays++;
      while (alive < pollers && running) {
        alive++;
        // the poll acts for the function, as its event source mapping; whether to go on is the local cloud's own question
        worker("queue-poller-" + queue.name() + "-" + started++,
            () -> Invocation.call(function.name(), () -> poller.pollOnce(1)) > 0 || goOn());
      }
    }

    synchronized void replayEnded() {
      replays--;
    }

    /** @return whether a poller that found nothing goes on: a replay runs, or the queue still holds messages */
    private synchronized boolean goOn() {
      if (replays > 0 || sqs.depth(queueUrl(queue.name())) > 0) {
        return true;
      }
      alive--;
      return false;
    }
  }

  private StreamsEventResponse publish(FunctionSpec function, RequestHandler<DynamodbEvent, StreamsEventResponse> publisher,
      DynamodbEvent batch) {
    Map<String, String> events = new LinkedHashMap<>();
    for (DynamodbEvent.DynamodbStreamRecord record : batch.getRecords()) {
      var image = record.getDynamodb().getNewImage();
      if (image != null && image.get("kind") != null && "event".equals(image.get("kind").getS())) {
        String event = image.get(TableKeys.EVENTS_PARTITION).getS() + " v" + image.get(TableKeys.EVENTS_SORT).getN() + " " + image.get("type").getS();
        events.put(record.getDynamodb().getSequenceNumber(), event);
        log.hop("append", event);
        log.hop("publish", event + " → " + deployment.eventBus());
      }
    }
    StreamsEventResponse response = publisher.handleRequest(batch, new LocalContext(function));
    if (response != null && response.getBatchItemFailures() != null && !response.getBatchItemFailures().isEmpty()) {
      String failed = response.getBatchItemFailures().stream()
          .map(f -> events.getOrDefault(f.getItemIdentifier(), "sequence number " + f.getItemIdentifier())).limit(3)
          .collect(java.util.stream.Collectors.joining(", "));
      log.hop("publish", "✗ not published: " + failed + (response.getBatchItemFailures().size() > 3 ? ", …" : "")
          + "; the mapping retries from the first");
    }
    return response;
  }

  /**
   * Sends what Lambda's stream mapping sends its on-failure destination when it gives records up: one message
   * naming the shard and the range of sequence numbers, not the records (they stay in the table).
   */
  private void gaveUp(FunctionSpec function, Trigger.Stream trigger, String streamArn, String failuresQueue, String shardId,
      List<Record> records) {
    var message = JSON.createObjectNode();
    var request = message.putObject("requestContext");
    request.put("requestId", java.util.UUID.randomUUID().toString());
    request.put("functionArn", new LocalContext(function).getInvokedFunctionArn());
    request.put("condition", "RetryAttemptsExhausted");
    request.put("approximateInvokeCount", trigger.maxRetries() + 1);
    message.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST");
    message.put("version", "1.0");
    message.put("timestamp", java.time.Instant.now().toString());
    var info = message.putObject("DDBStreamBatchInfo");
    info.put("shardId", shardId);
    info.put("startSequenceNumber", records.get(0).dynamodb().sequenceNumber());
    info.put("endSequenceNumber", records.get(records.size() - 1).dynamodb().sequenceNumber());
    info.put("approximateArrivalOfFirstRecord", String.valueOf(records.get(0).dynamodb().approximateCreationDateTime()));
    info.put("approximateArrivalOfLastRecord", String.valueOf(records.get(records.size() - 1).dynamodb().approximateCreationDateTime()));
    info.put("batchSize", records.size());
    info.put("streamArn", streamArn);
    sqs.client().sendMessage(r -> r.queueUrl(failuresQueue).messageBody(message.toString()));
    log.hop("publish", "✗ " + records.size() + " stream record(s) from sequence number " + info.get("startSequenceNumber").asText()
        + " given up after " + trigger.maxRetries() + " retries → " + trigger.onFailure());
  }

  private SQSBatchResponse project(FunctionSpec spec, QueueSpec queue, RequestHandler<SQSEvent, SQSBatchResponse> function,
      SQSEvent batch) {
    String projection = spec.owner();
    String hop = spec.kind() == FunctionSpec.Kind.PROCESS_MANAGER ? "process" : "project";
    Predicate<JsonNode> fault = faults.get(projection);
    List<SQSEvent.SQSMessage> healthy = new ArrayList<>();
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    Map<String, String> described = new LinkedHashMap<>();
    Set<String> lastReceives = new java.util.HashSet<>();
    for (SQSEvent.SQSMessage message : batch.getRecords()) {
      JsonNode event = parse(message.getBody());
      String receives = ProjectionEngine.receiveCount(message);
      described.put(message.getMessageId(), describe(event) + " (receive " + receives + ")");
      if (receives != null && receives.chars().allMatch(Character::isDigit) && Long.parseLong(receives) >= queue.maxReceiveCount()) {
        lastReceives.add(message.getMessageId());
      }
      if (fault != null && event != null && eventsOf(event).stream().anyMatch(fault)) {
        failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
      } else {
        healthy.add(message);
      }
    }
    if (!healthy.isEmpty()) {
      SQSEvent delivered = new SQSEvent();
      delivered.setRecords(healthy);
      try {
        SQSBatchResponse response = function.handleRequest(delivered, new LocalContext(spec));
        if (response != null && response.getBatchItemFailures() != null) {
          failures.addAll(response.getBatchItemFailures());
        }
      } catch (RuntimeException | Error e) {
        healthy.forEach(m -> failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build()));
        log.hop(hop, projection + " function threw " + e);
        log.json(dev.sourced.runtime.log.LogLine.error("the function threw; every message of the batch is retried")
            .put("function", spec.name()).put("projection", projection).unexpected(e).toJson());
      }
    }
    Set<String> failed = new java.util.HashSet<>();
    failures.forEach(f -> failed.add(f.getItemIdentifier()));
    described.forEach((id, text) -> log.hop(hop, projection + " ← " + text
        + (!failed.contains(id) ? " ✓"
            : lastReceives.contains(id) ? " ✗ failed for the last time: to the DLQ after " + visibilityTimeout(queue).toSeconds()
                + " s (receive " + queue.maxReceiveCount() + " of " + queue.maxReceiveCount() + ")"
            : " ✗ failed, retried after " + visibilityTimeout(queue).toSeconds() + " s (DLQ after " + queue.maxReceiveCount()
                + " receives)")));
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * @return the EventBridge events a message carries: itself, or each event of a replay's run as an EventBridge
   *     event ({@code detail-type} and {@code detail}), so that a fault matches replayed events as it matches live ones
   */
  private static List<JsonNode> eventsOf(JsonNode message) {
    if (!isReplayMessage(message)) {
      return List.of(message);
    }
    List<JsonNode> events = new ArrayList<>();
    for (JsonNode detail : details(message)) {
      var event = JSON.createObjectNode();
      event.put("detail-type", detail.path("type").asText());
      event.set("detail", detail);
      events.add(event);
    }
    return events;
  }

  /** @return whether a message is a replay's ({@link EventEnvelope#replayMessage}, or a run as replays sent them before) */
  private static boolean isReplayMessage(JsonNode message) {
    Iterator<String> fields = message.fieldNames();
    return fields.hasNext() && EventEnvelope.isReplayMessage(fields.next());
  }

  /** @return the details of a replay message's events, decoded as the projection decodes them; none when it cannot be */
  private static List<JsonNode> details(JsonNode message) {
    List<JsonNode> details = new ArrayList<>();
    try {
      for (StoredEvent event : EventEnvelope.parseAll(message.toString())) {
        details.add(JSON.readTree(EventEnvelope.detail(event, event.data() != null)));
      }
    } catch (Exception unreadable) {
      // the projection reports it; a fault or a hop line has nothing to match or say
    }
    return details;
  }

  /**
   * @return {@code ItemAdded shopping-cart#c1 v2}, or for a replay message {@code 20 event(s) of shopping-cart#c1 v1–v20},
   *     {@code 500 event(s) of 25 streams} or, compressed, {@code 500 event(s), compressed}
   */
  static String describe(JsonNode event) {
    if (event == null) {
      return "(not an EventBridge event)";
    }
    if (event.has("sourcedDeadline")) {
      JsonNode deadline = event.path("sourcedDeadline");
      return "deadline " + deadline.path("name").asText("?") + " of " + deadline.path("key").asText("?");
    }
    if (isReplayMessage(event)) {
      if (event.has("count")) {
        // decompressing the events only to name them would cost the log as much as the projection's own reading
        return event.path("count").asText("?") + " event(s), compressed";
      }
      List<JsonNode> events = new ArrayList<>(); // a plain message's or an old run's details, as parsed
      if (event.path("events").isArray()) {
        event.path("events").forEach(events::add);
      }
      if (events.isEmpty()) {
        return "a replay message without events";
      }
      long streams = events.stream().map(detail -> detail.path("streamId").asText()).distinct().count();
      if (streams == 1) {
        return events.size() + " event(s) of " + events.get(0).path("streamId").asText("?") + " v"
            + events.get(0).path("version").asText("?")
            + (events.size() > 1 ? "–v" + events.get(events.size() - 1).path("version").asText("?") : "");
      }
      return events.size() + " event(s) of " + streams + " streams";
    }
    JsonNode detail = event.path("detail");
    return event.path("detail-type").asText("?") + " " + detail.path("streamId").asText("?") + " v" + detail.path("version").asText("?");
  }

  /** What a schedule's target does: sends its input to the queue its ARN names. */
  private void sendDeadline(String queueArn, String body) {
    String queue = queueArn.substring(queueArn.lastIndexOf(':') + 1);
    log.hop("schedule", "due: " + describe(parse(body)) + " → " + queue);
    sqs.client().sendMessage(r -> r.queueUrl(queueUrl(queue)).messageBody(body));
  }

  private void worker(String name, Runnable step) {
    worker(name, () -> {
      step.run();
      return true;
    });
  }

  /** @param step one round of the worker's work; false ends the worker */
  private void worker(String name, java.util.function.BooleanSupplier step) {
    Thread thread = new Thread(() -> {
      int failures = 0; // in a row
      while (running) {
        try {
          if (!step.getAsBoolean()) {
            return;
          }
          failures = 0;
        } catch (RuntimeException | Error e) {
          // an Error too (out of memory): logged, and the worker goes on, as Lambda starts a new container, rather than
          // end its thread unseen (a function's own errors are function errors, handled where it is called)
          if (running) {
            failures++;
            long wait = workerRetryWait(failures);
            if (Integer.bitCount(failures) == 1) {
              // the 1st, 2nd, 4th, 8th… failure in a row: the others would repeat it, from every worker at once when
              // a server they share is down (at a thousand queues, a gigabyte of log in minutes)
              String times = failures == 1 ? "" : " (" + failures + " times in a row)";
              log.hop("cloud", "✗ " + name + " failed" + times + ": " + e + "; retrying in " + wait / 1000 + " s");
              log.json(dev.sourced.runtime.log.LogLine.error("a worker of the local cloud failed; it retries").put("worker", name)
                  .put("failuresInARow", failures).put("retryInMs", wait).unexpected(e).toJson());
            }
            pause(wait);
          }
        }
      }
    }, "sourced-" + name);
    thread.setDaemon(true);
    workers.removeIf(ended -> ended.getState() == Thread.State.TERMINATED); // replay pollers come and go
    workers.add(thread);
    thread.start();
  }

  /** @return how long a worker waits after failing {@code failures} times in a row: 1, 2, 4, 8, 16, then 30 s */
  static long workerRetryWait(int failures) {
    return Math.min(30_000L, 1_000L << Math.min(failures - 1, 5));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- replay

  /** Concurrent pollers of a replay queue here, at most (its mapping's maximum concurrency in AWS). */
  static final int LOCAL_REPLAY_POLLERS = 4;

  /** How long the replay workflow's wait for its queue to drain takes here (10 s in the cloud). */
  static final Duration LOCAL_QUEUE_WAIT = Duration.ofMillis(25);

  /**
   * A replay run here: its projection's workflow executed by {@link LocalStepFunctions}.
   *
   * @param projection the projection
   * @param streamId the one stream replayed, or null for the whole store
   * @param execution the execution
   * @param startedAt when it started
   */
  public record ReplayRun(String projection, String streamId, Execution execution, Instant startedAt) {}

  /**
   * Starts the replay of every projection whose current version is not READY: new, a new version, or interrupted.
   * With a data folder, READY versions catch up too: the queues live in memory, so events that were delivered but
   * not yet applied when the cloud stopped are gone from them (in AWS they wait in the queue); a catch-up replay
   * applies what is missing and skips the rest. Not after a clean stop with every queue empty ({@link CleanStop}): then
   * the queues lost nothing.
   */
  private void replayVersionsNotReady(boolean persisted) {
    for (Deployment.Pipeline pipeline : deployment.pipelines()) {
      ProjectionStatus status = new ProjectionTable(dynamoDbClient, pipeline.table().name()).status();
      if (!status.ready()) {
        log.hop("replay", pipeline.projection() + " v" + pipeline.table().version() + " is " + status.state()
            + ": replaying the event store into it");
        replay(pipeline.projection(), null);
      } else if (persisted && upToDate.contains(pipeline.table().name())) { // before any replay ran: the last stop's
        log.hop("replay", pipeline.projection() + " v" + pipeline.table().version()
            + " is READY; nothing to catch up (its queues were empty when the cloud last stopped)");
      } else if (persisted) {
        log.hop("replay", pipeline.projection() + " v" + pipeline.table().version()
            + " is READY; catching up from the event store (the local queues did not survive the restart)");
        replay(pipeline.projection(), null);
      }
    }
  }

  /**
   * Starts a projection's replay workflow: the state machine definition the CDK stack deploys, run by
   * aws-local-stepfunctions on Node.js, its Task states invoking the local replay reader.
   *
   * @param projection the projection
   * @param streamId one stream to replay (e.g. records the publisher gave up on), or null for the whole store
   * @return the running replay
   */
  public synchronized ReplayRun replay(String projection, String streamId) {
    Deployment.Pipeline pipeline = deployment.pipeline(projection);
    WorkflowSpec workflow = pipeline.replay();
    var input = JSON.createObjectNode().put("trigger", "local");
    if (streamId != null) {
      input.put("streamId", streamId);
    }
    ExecutionOptions.Builder options = ExecutionOptions.builder().stateMachineName(workflow.name());
    workflow.waitStates().forEach(state -> options.waitTimeOverride(state, LOCAL_QUEUE_WAIT));
    String table = pipeline.table().name();
    if (streamId == null) {
      upToDate.remove(table); // until this replay of the whole store has sent everything
    }
    ReplayConsumers consumers = replayConsumers.get(pipeline.replayQueue().name());
    if (consumers != null) {
      consumers.replayStarted(); // before the workflow sends anything to the queue
    }
    Execution execution;
    try {
      execution = stepFunctions().start(workflow.definition(LocalCloud::functionArn), input.toString(), options.build());
    } catch (RuntimeException e) {
      if (consumers != null) {
        consumers.replayEnded();
      }
      throw e;
    }
    ReplayRun run = new ReplayRun(projection, streamId, execution, Instant.now());
    // the console shows one run per projection: a stream's replay does not hide a whole-store replay still running
    replays.compute(projection, (name, before) -> streamId != null && before != null && before.streamId() == null
        && before.execution().status() == ExecutionStatus.RUNNING ? before : run);
    execution.output().whenComplete((output, failure) -> {
      if (consumers != null) {
        consumers.replayEnded(); // its pollers end once the queue is empty too
      }
      if (failure == null && streamId == null) {
        upToDate.add(table);
      }
      if (failure == null) {
        JsonNode replay = parse(output) == null ? null : parse(output).path("replay");
        // a stream's replay leaves the status item alone, so its output counts nothing: say only that it ran
        String what = streamId != null ? "stream " + streamId + " ✓ replayed"
            : "✓ replayed: " + (replay == null ? output
                : replay.path("sent").asText("?") + " event(s) sent, state " + replay.path("state").asText("?"));
        log.hop("replay", projection + " " + what + " in " + java.time.Duration.between(run.startedAt(), Instant.now()).toMillis()
            + " ms");
      } else if (running) {
        log.hop("replay", "✗ " + projection + " replay failed: " + failure.getMessage());
      }
    });
    return run;
  }

  /** @return the latest replay of each projection that has run one here */
  public Map<String, ReplayRun> replays() {
    return Map.copyOf(replays);
  }

  /**
   * Waits until every replay started so far has ended.
   *
   * @return the replays that failed, by projection, with why; empty when all succeeded
   * @throws IllegalStateException when one is still running after {@code timeout}
   */
  public Map<String, String> awaitReplays(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, String> failed = new java.util.TreeMap<>();
    for (ReplayRun run : replays.values()) {
      try {
        run.execution().output().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("the replay of " + run.projection() + " still runs after " + timeout, e);
      } catch (java.util.concurrent.ExecutionException e) {
        failed.put(run.projection(), String.valueOf(e.getCause().getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    return failed;
  }

  /** @return a function's ARN as the workflows' Task states name it here (its alias {@code live}, as in the stack) */
  static String functionArn(String function) {
    return "arn:aws:lambda:" + LocalStepFunctions.REGION + ":" + LocalStepFunctions.ACCOUNT + ":function:" + function + ":live";
  }

  private LocalStepFunctions stepFunctions() {
    if (stepFunctions == null) {
      stepFunctions = LocalStepFunctions.builder().functions(this::invokeFromWorkflow)
          .log(line -> log.hop("stepfunctions", line)).start();
    }
    return stepFunctions;
  }

  /** Lambda's Invoke, as a workflow's Task state calls it: the function's JSON payload in, its result out. */
  @SuppressWarnings("unchecked")
  private String invokeFromWorkflow(String function, String payload) throws Exception {
    RequestHandler<Map<String, Object>, Map<String, Object>> handler =
        (RequestHandler<Map<String, Object>, Map<String, Object>>) functions.get(function);
    if (handler == null) {
      throw new NoSuchFunctionException(function);
    }
    FunctionSpec spec = deployment.function(function);
    Map<String, Object> request = JSON.readValue(payload, Map.class);
    Map<String, Object> result = Invocation.call(function, () -> handler.handleRequest(request, new LocalContext(spec)));
    return JSON.writeValueAsString(result);
  }

  // ---------------------------------------------------------------- what the HTTP API and tests use

  /** @return whether every part is up */
  public boolean ready() {
    return ready;
  }

  /** @return {@code http://localhost:<port>} */
  public URI baseUri() {
    return URI.create("http://localhost:" + http.port());
  }

  /** @return the application's name */
  public String appName() {
    return app.name();
  }

  /** @return the generated registry */
  public SourcedApplication application() {
    return app;
  }

  /** @return what runs here: the app's tables, queues, rules, functions and routes, as the CDK stack deploys them */
  public Deployment deployment() {
    return deployment;
  }

  /** @return a client of the local DynamoDB (shared; do not close) */
  public DynamoDbClient dynamoDb() {
    return dynamoDbClient;
  }

  /** @return the local SQS */
  public LocalSqs sqs() {
    return sqs;
  }

  /** @return the URL of a queue of the deployment */
  public String queueUrl(String queue) {
    String url = queueUrls.get(queue);
    if (url == null) {
      throw new IllegalArgumentException("no queue '" + queue + "'; queues: " + queueUrls.keySet());
    }
    return url;
  }

  /** @return the hop log */
  HopLog log() {
    return log;
  }

  /** A command function just ran: its events, if any, are in the stream now, so the stream pollers look at once. */
  void commandHandled() {
    streamPollers.forEach(IdleWait::wake);
  }

  /**
   * Invokes an HTTP function with an API Gateway event, as the HTTP API does.
   *
   * @param function the function's name
   */
  @SuppressWarnings("unchecked")
  APIGatewayV2HTTPResponse invokeHttp(String function, APIGatewayV2HTTPEvent event) {
    var handler = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) functions.get(function);
    return Invocation.call(function, () -> handler.handleRequest(event, new LocalContext(deployment.function(function))));
  }

  /**
   * Sends a request through the HTTP API in this process, without a socket: the same routing and the
   * same API Gateway event as over HTTP.
   *
   * @param method e.g. {@code POST}
   * @param pathAndQuery e.g. {@code /cart-summary/c1?minVersion=3&stream=shopping-cart%23c1}
   * @param body the JSON body, or null
   * @return the function's response
   */
  public APIGatewayV2HTTPResponse request(String method, String pathAndQuery, String body) {
    return request(method, pathAndQuery, body, Map.of());
  }

  /**
   * Sends a request through the HTTP API in this process, with headers: e.g. {@code x-sourced-local-principal} or
   * {@code x-sourced-local-jwt} to send it as another caller (see docs/local-cloud.md).
   *
   * @param method e.g. {@code POST}
   * @param pathAndQuery e.g. {@code /shopping-cart/c1/open-cart}
   * @param body the JSON body, or null
   * @param headers request headers; names in lower case
   * @return the function's response
   */
  public APIGatewayV2HTTPResponse request(String method, String pathAndQuery, String body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putIfAbsent("content-type", "application/json");
    return http.dispatch(method, URI.create(pathAndQuery), all, body, "127.0.0.1");
  }

  /**
   * Makes a projection's function fail the messages whose EventBridge event matches, as a bug in it
   * would: they are retried after the visibility timeout and end in the dead-letter queue. Closing the
   * returned handle "deploys the fix".
   *
   * @param projection the projection, or process manager
   * @param event which EventBridge events (JSON) fail
   * @return a handle that removes the fault
   */
  public AutoCloseable failProjection(String projection, Predicate<JsonNode> event) {
    if (!deployment.processManagers().contains(projection)) {
      deployment.pipeline(projection); // fails for a name that is neither a projection's nor a process manager's
    }
    faults.put(projection, event);
    return () -> faults.remove(projection, event);
  }

  /**
   * Makes the event bus refuse the {@code PutEvents} entries that match, with an error code of the caller's
   * choice: {@code InternalFailure} or {@code ThrottlingException} for a failure that passes, which the
   * publisher retries; {@code MalformedDetail} for an entry EventBridge refuses for what it holds, which the
   * publisher isolates. Closing the returned handle stops it.
   *
   * @param entry which entries ({@code {"Source","DetailType","Detail",…}} as JSON; {@code Detail} is a string)
   * @param errorCode the entries' {@code ErrorCode}
   * @return a handle that stops refusing
   */
  public AutoCloseable failPublishing(Predicate<JsonNode> entry, String errorCode) {
    bus.failEntries(entry, errorCode);
    return () -> bus.failEntries(e -> false);
  }

  /**
   * Moves every message of a projection's (or process manager's) dead-letter queue back to its queue, as SQS's DLQ
   * redrive does.
   *
   * @return how many messages were moved
   */
  public int redrive(String projection) {
    QueueSpec deadLetters;
    QueueSpec queue;
    if (deployment.processManagers().contains(projection)) {
      deadLetters = deployment.process(projection).deadLetterQueue();
      queue = deployment.process(projection).queue();
    } else {
      deadLetters = deployment.pipeline(projection).deadLetterQueue();
      queue = deployment.pipeline(projection).queue();
    }
    String from = queueUrl(deadLetters.name());
    String to = queueUrl(queue.name());
    int moved = 0;
    while (true) {
      var messages = sqs.client().receiveMessage(r -> r.queueUrl(from).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
      if (messages.isEmpty()) {
        break;
      }
      for (var message : messages) {
        sqs.client().sendMessage(r -> r.queueUrl(to).messageBody(message.body()));
        sqs.client().deleteMessage(r -> r.queueUrl(from).receiptHandle(message.receiptHandle()));
        moved++;
      }
    }
    log.hop("cloud", "redrove " + moved + " message(s) " + deadLetters.name() + " → " + queue.name());
    return moved;
  }

  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    ready = false;
    closeQuietly(stepFunctions);
    boolean workersStopped = true;
    for (Thread worker : workers) {
      try {
        worker.join(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      workersStopped &= !worker.isAlive();
    }
    if (dataDirectory != null && sqs != null && workersStopped) {
      try {
        CleanStop.record(dataDirectory, drainedTables(), Instant.now());
      } catch (RuntimeException e) {
        log.hop("cloud", "✗ could not record a clean stop (the next start catches up): " + e.getMessage());
      }
    }
    if (http != null) {
      http.close();
    }
    closeQuietly(scheduler);
    closeQuietly(bus);
    closeQuietly(sqs);
    closeQuietly(streamsClient);
    closeQuietly(dynamoDbClient);
    closeQuietly(dynamoDb);
    log.hop("cloud", "stopped");
  }

  /**
   * @return the projection tables that lose nothing with the in-memory queues now the pollers stopped: those up to date
   *     (the last clean stop's, and those whose whole-store replay succeeded since the start), when the bus lost no
   *     delivery and every queue of the deployment is empty (visible, in flight and delayed; a dead letter or a
   *     publisher failure may be any projection's); else none
   */
  private List<String> drainedTables() {
    if (deliveryLost) {
      return List.of();
    }
    for (QueueSpec queue : deployment.queues()) {
      String url = queueUrls.get(queue.name());
      if (url == null) {
        return List.of();
      }
      if (sqs.depth(url) > 0) {
        return List.of();
      }
    }
    return deployment.pipelines().stream().map(pipeline -> pipeline.table().name()).filter(upToDate::contains).toList();
  }

  private static void closeQuietly(AutoCloseable part) {
    if (part == null) {
      return;
    }
    try {
      part.close();
    } catch (Exception e) {
      // stopping anyway
    }
  }
}
