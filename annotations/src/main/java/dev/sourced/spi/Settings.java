package dev.sourced.spi;

/**
 * The names of the environment variables through which a deployed function finds its resources and
 * settings. The deployment description ({@code sourced-deployment}) says which function gets which
 * variable and what it refers to; the CDK stack and the local cloud set them from there; the runtime's
 * {@code SourcedConfig} reads them. These constants are the one spelling of each name.
 */
public final class Settings {
  /** The event store table. */
  public static final String EVENT_TABLE = "SOURCED_EVENT_TABLE";
  /** The snapshot table, when an aggregate snapshots. */
  public static final String SNAPSHOT_TABLE = "SOURCED_SNAPSHOT_TABLE";
  /** The table of a projection (its views, checkpoints and status). */
  public static final String PROJECTION_TABLE = "SOURCED_PROJECTION_TABLE";
  /**
   * The table of a projection's previous version, kept while the current version replays: queries answer from it
   * until the current version is ready.
   */
  public static final String PREVIOUS_PROJECTION_TABLE = "SOURCED_PREVIOUS_PROJECTION_TABLE";
  /** The projection version a query function's current table holds (the previous table holds the one before). */
  public static final String PROJECTION_VERSION = "SOURCED_PROJECTION_VERSION";
  /** The projection a replay reader serves. */
  public static final String PROJECTION = "SOURCED_PROJECTION";
  /** The URL of a projection's replay queue. */
  public static final String REPLAY_QUEUE = "SOURCED_REPLAY_QUEUE";
  /** The URL of a projection's replay dead-letter queue. */
  public static final String REPLAY_DEAD_LETTER_QUEUE = "SOURCED_REPLAY_DEAD_LETTER_QUEUE";
  /** The ARN of a process manager's own queue, where EventBridge Scheduler delivers its deadlines. */
  public static final String DEADLINE_QUEUE = "SOURCED_DEADLINE_QUEUE";
  /** The EventBridge Scheduler schedule group of a process manager's deadlines. */
  public static final String SCHEDULE_GROUP = "SOURCED_SCHEDULE_GROUP";
  /** The ARN of the role EventBridge Scheduler sends a process manager's deadlines with. */
  public static final String SCHEDULER_ROLE = "SOURCED_SCHEDULER_ROLE";
  /** EventBridge Scheduler endpoint override (local only). */
  public static final String SCHEDULER_ENDPOINT = "SOURCED_SCHEDULER_ENDPOINT";
  /** The application's name: the EventBridge source of its events. */
  public static final String APP = "SOURCED_APP";
  /** The EventBridge bus events are published to. */
  public static final String EVENT_BUS = "SOURCED_EVENT_BUS";
  /** DynamoDB endpoint override (local only). */
  public static final String DYNAMODB_ENDPOINT = "SOURCED_DYNAMODB_ENDPOINT";
  /** EventBridge endpoint override (local only). */
  public static final String EVENTBRIDGE_ENDPOINT = "SOURCED_EVENTBRIDGE_ENDPOINT";
  /** SQS endpoint override (local only). */
  public static final String SQS_ENDPOINT = "SOURCED_SQS_ENDPOINT";
  /** ISO-8601 duration idempotency records are kept. */
  public static final String IDEMPOTENCY_TTL = "SOURCED_IDEMPOTENCY_TTL";
  /** ISO-8601 duration a query waits for {@code minVersion}. */
  public static final String READ_YOUR_WRITES_TIMEOUT = "SOURCED_READ_YOUR_WRITES_TIMEOUT";
  /** {@code json}/{@code info}, {@code warn}, {@code error} or {@code off}: which of the functions' JSON log lines are written. */
  public static final String LOG = "SOURCED_LOG";
  /** {@code true} or {@code false}: prime the request path at initialization. */
  public static final String PRIME = "SOURCED_PRIME";
  /** The region; Lambda sets it. */
  public static final String REGION = "AWS_REGION";
  /**
   * How Lambda initializes the container: {@code on-demand}, {@code provisioned-concurrency} or {@code snap-start};
   * Lambda sets it. Whether functions prime by default follows from it.
   */
  public static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

  private Settings() {}
}
