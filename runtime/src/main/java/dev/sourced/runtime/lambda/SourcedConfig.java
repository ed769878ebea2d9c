package dev.sourced.runtime.lambda;

import dev.sourced.runtime.log.LogSink;
import dev.sourced.spi.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where a generated Lambda finds its resources. The deployment description says which function gets which
 * of these environment variables ({@link Settings} spells their names); the CDK stack sets them from it; the
 * local cloud sets the same names (as system properties, which take precedence), plus endpoint
 * overrides. There is no second configuration path.
 *
 * <table>
 *   <tr><th>name</th><th>meaning</th></tr>
 *   <tr><td>{@code SOURCED_EVENT_TABLE}</td><td>the event store table (required by command functions)</td></tr>
 *   <tr><td>{@code SOURCED_SNAPSHOT_TABLE}</td><td>the snapshot table, if the app has snapshotting aggregates</td></tr>
 *   <tr><td>{@code SOURCED_DYNAMODB_ENDPOINT}</td><td>endpoint override (DynamoDB Local); default AWS</td></tr>
 *   <tr><td>{@code SOURCED_IDEMPOTENCY_TTL}</td><td>ISO-8601 duration idempotency records are kept; default PT24H</td></tr>
 *   <tr><td>{@code SOURCED_APP}</td><td>the application's name: the EventBridge source (publisher)</td></tr>
 *   <tr><td>{@code SOURCED_EVENT_BUS}</td><td>the EventBridge bus (publisher)</td></tr>
 *   <tr><td>{@code SOURCED_EVENTBRIDGE_ENDPOINT}</td><td>endpoint override (local bus)</td></tr>
 *   <tr><td>{@code SOURCED_PROJECTION_TABLE}</td><td>the projection's table (projection and query functions)</td></tr>
 *   <tr><td>{@code SOURCED_PREVIOUS_PROJECTION_TABLE}</td><td>the previous version's table (query functions of a projection
 *       from version 2 on): queries answer from it until the current version's replay has made it ready</td></tr>
 *   <tr><td>{@code SOURCED_PROJECTION_VERSION}</td><td>the version the current table holds (query functions)</td></tr>
 *   <tr><td>{@code SOURCED_PROJECTION}</td><td>the projection a replay reader serves</td></tr>
 *   <tr><td>{@code SOURCED_REPLAY_QUEUE}</td><td>the URL of the projection's replay queue (replay reader)</td></tr>
 *   <tr><td>{@code SOURCED_REPLAY_DEAD_LETTER_QUEUE}</td><td>the URL of its dead-letter queue (replay reader)</td></tr>
 *   <tr><td>{@code SOURCED_SQS_ENDPOINT}</td><td>endpoint override (local SQS)</td></tr>
 *   <tr><td>{@code SOURCED_DEADLINE_QUEUE}</td><td>the ARN of a process manager's queue, where its deadlines arrive (EventBridge Scheduler targets it)</td></tr>
 *   <tr><td>{@code SOURCED_SCHEDULE_GROUP}</td><td>the EventBridge Scheduler group of its deadlines</td></tr>
 *   <tr><td>{@code SOURCED_SCHEDULER_ROLE}</td><td>the ARN of the role EventBridge Scheduler sends them with</td></tr>
 *   <tr><td>{@code SOURCED_SCHEDULER_ENDPOINT}</td><td>endpoint override (the local cloud's scheduler)</td></tr>
 *   <tr><td>{@code SOURCED_READ_YOUR_WRITES_TIMEOUT}</td><td>ISO-8601 duration a query waits for {@code minVersion}; default PT2S</td></tr>
 *   <tr><td>{@code SOURCED_LOG}</td><td>{@code json} or {@code info} (default): one JSON line per request or batch,
 *       and one per failure, on standard out; {@code warn}: only the failures (the local cloud's default, next to
 *       its one-line hops); {@code error}: only errors; {@code off}: none (see {@link LogSink})</td></tr>
 *   <tr><td>{@code SOURCED_PRIME}</td><td>{@code true}: at initialization, run the request path once
 *       without effect (reads of a stream and a view that are never written, a request the JSON decoder
 *       rejects), so that its classes and connections are ready for the first request, and with SnapStart are in
 *       the snapshot; {@code false}: do not. Default: {@code true}, but {@code false} when Lambda initializes the
 *       container on demand (see {@link #prime()})</td></tr>
 *   <tr><td>{@code AWS_REGION}</td><td>set by Lambda; default us-east-1 for local use</td></tr>
 *   <tr><td>{@code AWS_LAMBDA_INITIALIZATION_TYPE}</td><td>set by Lambda: {@code on-demand}, {@code provisioned-concurrency}
 *       or {@code snap-start}; decides whether functions prime by default</td></tr>
 * </table>
 *
 * <p>Clients without an endpoint override read the credentials Lambda puts in the environment directly when they are
 * there (see {@link #credentialsProvider}).
 *
 * @param eventTable the event store table
 * @param snapshotTable the snapshot table, or null
 * @param dynamoDbEndpoint the DynamoDB endpoint override, or null
 * @param region the AWS region
 * @param idempotencyTtl how long idempotency records are kept
 * @param appName the application's name
 * @param eventBus the EventBridge bus
 * @param eventBridgeEndpoint the EventBridge endpoint override, or null
 * @param projectionTable the projection table of a projection or query function
 * @param readYourWritesTimeout how long a query waits for {@code minVersion}
 * @param log where functions write their JSON log lines, and from which level on
 * @param prime whether functions prime their request path at initialization: {@code SOURCED_PRIME} if set; otherwise
 *     yes, unless Lambda initializes the container on demand. An on-demand container is initialized for the request
 *     that waits for it, so priming only moves the first request's work into set-up (the cold-start benchmark measured
 *     the same time from JVM start to the second result either way, docs/benchmarks.md); with SnapStart and
 *     provisioned concurrency, set-up runs before any request waits, and priming is what makes their first request fast
 * @param previousProjectionTable the previous version's table of a query function's projection, or null
 * @param projection the projection of a replay reader, or null
 * @param replayQueue the URL of a replay reader's queue, or null
 * @param replayDeadLetterQueue the URL of a replay reader's dead-letter queue, or null
 * @param sqsEndpoint the SQS endpoint override, or null
 * @param projectionVersion the version a query function's current table holds, or null (the registry's)
 * @param deadlineQueue the ARN of a process manager's queue, or null
 * @param scheduleGroup the schedule group of a process manager's deadlines, or null
 * @param schedulerRole the ARN of the role its schedules send with, or null
 * @param schedulerEndpoint the EventBridge Scheduler endpoint override, or null
 */
public record SourcedConfig(String eventTable, String snapshotTable, URI dynamoDbEndpoint, String region, Duration idempotencyTtl,
    String appName, String eventBus, URI eventBridgeEndpoint, String projectionTable, Duration readYourWritesTimeout,
    LogSink log, boolean prime, String previousProjectionTable, String projection, String replayQueue, String replayDeadLetterQueue,
    URI sqsEndpoint, Integer projectionVersion, String deadlineQueue, String scheduleGroup, String schedulerRole,
    URI schedulerEndpoint) {
  public static final String EVENT_TABLE = Settings.EVENT_TABLE;
  public static final String SNAPSHOT_TABLE = Settings.SNAPSHOT_TABLE;
  public static final String DYNAMODB_ENDPOINT = Settings.DYNAMODB_ENDPOINT;
  public static final String IDEMPOTENCY_TTL = Settings.IDEMPOTENCY_TTL;
  public static final String REGION = Settings.REGION;
  public static final String APP = Settings.APP;
  public static final String EVENT_BUS = Settings.EVENT_BUS;
  public static final String EVENTBRIDGE_ENDPOINT = Settings.EVENTBRIDGE_ENDPOINT;
  public static final String PROJECTION_TABLE = Settings.PROJECTION_TABLE;
  public static final String READ_YOUR_WRITES_TIMEOUT = Settings.READ_YOUR_WRITES_TIMEOUT;
  public static final String LOG = Settings.LOG;
  public static final String PRIME = Settings.PRIME;
  public static final String PREVIOUS_PROJECTION_TABLE = Settings.PREVIOUS_PROJECTION_TABLE;
  public static final String PROJECTION = Settings.PROJECTION;
  public static final String REPLAY_QUEUE = Settings.REPLAY_QUEUE;
  public static final String REPLAY_DEAD_LETTER_QUEUE = Settings.REPLAY_DEAD_LETTER_QUEUE;
  public static final String SQS_ENDPOINT = Settings.SQS_ENDPOINT;
  public static final String PROJECTION_VERSION = Settings.PROJECTION_VERSION;
  public static final String DEADLINE_QUEUE = Settings.DEADLINE_QUEUE;
  public static final String SCHEDULE_GROUP = Settings.SCHEDULE_GROUP;
  public static final String SCHEDULER_ROLE = Settings.SCHEDULER_ROLE;
  public static final String SCHEDULER_ENDPOINT = Settings.SCHEDULER_ENDPOINT;
  public static final String INITIALIZATION_TYPE = Settings.INITIALIZATION_TYPE;
  /** The {@link #INITIALIZATION_TYPE} of a container Lambda initializes for a waiting request. */
  public static final String ON_DEMAND = "on-demand";
  private static final String[] NAMES = {EVENT_TABLE, SNAPSHOT_TABLE, DYNAMODB_ENDPOINT, IDEMPOTENCY_TTL, REGION, APP, EVENT_BUS,
      EVENTBRIDGE_ENDPOINT, PROJECTION_TABLE, READ_YOUR_WRITES_TIMEOUT, LOG, PRIME, PREVIOUS_PROJECTION_TABLE, PROJECTION,
      REPLAY_QUEUE, REPLAY_DEAD_LETTER_QUEUE, SQS_ENDPOINT, PROJECTION_VERSION, DEADLINE_QUEUE, SCHEDULE_GROUP, SCHEDULER_ROLE,
      SCHEDULER_ENDPOINT, INITIALIZATION_TYPE};
  private static final AwsCredentialsProvider LOCAL_CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  /**
   * The configuration of a function in Lambda: what its constructor reads first. The first call in a JVM also starts
   * building the HTTP client (and so the TLS context) of the function's clients on a second thread ({@link TlsWarmUp}),
   * so that the constructor's next steps (the application's registry and codecs, the SDK client builder) run beside it.
   *
   * @return the configuration from environment variables, overridden by system properties of the same names
   */
  public static SourcedConfig fromEnvironment() {
    TlsWarmUp.startOnce();
    Map<String, String> settings = new HashMap<>(System.getenv());
    for (String name : NAMES) {
      String property = System.getProperty(name);
      if (property != null) {
        settings.put(name, property);
      }
    }
    return fromMap(settings);
  }

  /** @return the configuration from a map of the variable names above */
  public static SourcedConfig fromMap(Map<String, String> settings) {
    return new SourcedConfig(
        settings.get(EVENT_TABLE),
        settings.get(SNAPSHOT_TABLE),
        uri(settings.get(DYNAMODB_ENDPOINT)),
        settings.getOrDefault(REGION, "us-east-1"),
        duration(settings.get(IDEMPOTENCY_TTL), Duration.ofHours(24)),
        settings.get(APP),
        settings.get(EVENT_BUS),
        uri(settings.get(EVENTBRIDGE_ENDPOINT)),
        settings.get(PROJECTION_TABLE),
        duration(settings.get(READ_YOUR_WRITES_TIMEOUT), Duration.ofSeconds(2)),
        LogSink.of(settings.get(LOG), System.out::println),
        prime(settings.get(PRIME), settings.get(INITIALIZATION_TYPE)),
        settings.get(PREVIOUS_PROJECTION_TABLE),
        settings.get(PROJECTION),
        settings.get(REPLAY_QUEUE),
        settings.get(REPLAY_DEAD_LETTER_QUEUE),
        uri(settings.get(SQS_ENDPOINT)),
        settings.get(PROJECTION_VERSION) == null ? null : Integer.valueOf(settings.get(PROJECTION_VERSION)),
        settings.get(DEADLINE_QUEUE),
        settings.get(SCHEDULE_GROUP),
        settings.get(SCHEDULER_ROLE),
        uri(settings.get(SCHEDULER_ENDPOINT)));
  }

  /**
   * @param target where the lines go instead of standard out (the local cloud prints them with its hops)
   * @return this configuration with the same log level writing to {@code target}
   */
  public SourcedConfig withLogTarget(Consumer<String> target) {
    return new SourcedConfig(eventTable, snapshotTable, dynamoDbEndpoint, region, idempotencyTtl, appName, eventBus,
        eventBridgeEndpoint, projectionTable, readYourWritesTimeout, log.to(target), prime, previousProjectionTable, projection,
        replayQueue, replayDeadLetterQueue, sqsEndpoint, projectionVersion, deadlineQueue, scheduleGroup, schedulerRole,
        schedulerEndpoint);
  }

  private static boolean prime(String explicit, String initializationType) {
    return explicit != null ? !"false".equalsIgnoreCase(explicit) : !ON_DEMAND.equals(initializationType);
  }

  private static URI uri(String text) {
    return text == null || text.isBlank() ? null : URI.create(text);
  }

  private static Duration duration(String text, Duration otherwise) {
    return text == null || text.isBlank() ? otherwise : Duration.parse(text);
  }

  /** @return a setting, or an explanation of which variable is missing */
  public static String require(String value, String name) {
    return Objects.requireNonNull(value, name + " is not set; the CDK stack (or the local cloud) sets it");
  }

  /** @return a new EventBridge client (URL-connection HTTP client), with the endpoint override if any */
  public EventBridgeClient eventBridgeClient() {
    return client(EventBridgeClient.builder(), eventBridgeEndpoint);
  }

  /** @return a new SQS client (URL-connection HTTP client), with the endpoint override if any (on loopback, without MD5 checks) */
  public SqsClient sqsClient() {
    // on a loopback endpoint (the local cloud's queues) the MD5 check of every message body only costs CPU the local
    // queues need; against AWS, an endpoint override (VPC, FIPS) included, it stays on
    return client(SqsClient.builder().checksumValidationEnabled(isLoopback(sqsEndpoint) ? false : null), sqsEndpoint);
  }

  /** @return whether an endpoint is on this machine's loopback interface */
  static boolean isLoopback(URI endpoint) {
    String host = endpoint == null ? null : endpoint.getHost();
    return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
  }

  /** @return a new EventBridge Scheduler client (URL-connection HTTP client), with the endpoint override if any */
  public SchedulerClient schedulerClient() {
    return client(SchedulerClient.builder(), schedulerEndpoint);
  }

  /** @return the event table, or an explanation of what is missing */
  public String requireEventTable() {
    return require(eventTable, EVENT_TABLE);
  }

  /**
   * A DynamoDB client on the URL-connection HTTP client (small, fast to start). With an endpoint
   * override (DynamoDB Local) it uses static dummy credentials.
   *
   * @return a new client; create one per container and reuse it
   */
  public DynamoDbClient dynamoDbClient() {
    return client(DynamoDbClient.builder(), dynamoDbEndpoint);
  }

  /**
   * Every client: the URL-connection HTTP client (the SDK's guide for Lambda recommends it for start-up), the region
   * given, and either the endpoint override with static dummy credentials (local) or the credentials Lambda gives.
   */
  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, URI endpointOverride) {
    builder.httpClientBuilder(httpClientBuilder()).region(Region.of(region));
    if (endpointOverride != null) {
      builder.endpointOverride(endpointOverride).credentialsProvider(LOCAL_CREDENTIALS);
    } else {
      builder.credentialsProvider(credentialsProvider(System::getenv, System::getProperty));
    }
    return builder.build();
  }

  /**
   * @return the HTTP client every client is built on: the URL-connection one, sending bodies from memory
   *     ({@link BufferedBodyHttpClient}); also what {@link TlsWarmUp} warms
   */
  static SdkHttpClient.Builder<?> httpClientBuilder() {
    return BufferedBodyHttpClient.builder();
  }

  /**
   * Lambda gives a function its role's credentials in {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and
   * {@code AWS_SESSION_TOKEN}, except with SnapStart (a restored container reads them from the container credentials
   * endpoint instead). When they are there, and no system property would take precedence in the SDK's default chain,
   * read them directly, as the SDK's guide for Lambda advises ("Reduce SDK startup time for AWS Lambda"): the default
   * chain would find the same credentials after building and asking the providers before them. Otherwise (SnapStart,
   * outside Lambda) use the default chain.
   *
   * @param environment the environment variables
   * @param systemProperties the system properties
   * @return the provider
   */
  static AwsCredentialsProvider credentialsProvider(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
    boolean inEnvironment = environment.apply(SdkSystemSetting.AWS_ACCESS_KEY_ID.environmentVariable()) != null
        && environment.apply(SdkSystemSetting.AWS_SECRET_ACCESS_KEY.environmentVariable()) != null
        && systemProperties.apply(SdkSystemSetting.AWS_ACCESS_KEY_ID.property()) == null
        && systemProperties.apply(SdkSystemSetting.AWS_SECRET_ACCESS_KEY.property()) == null;
    return inEnvironment ? EnvironmentVariableCredentialsProvider.create() : DefaultCredentialsProvider.builder().build();
  }
}
