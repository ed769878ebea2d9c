package dev.sourced.spi;

/**
 * The key attributes of Sourced's DynamoDB tables: the deployment description declares the tables with
 * them, the runtime reads and writes items with them. The one spelling of each name.
 */
public final class TableKeys {
  /** The event table's partition key: {@code <aggregate>#<id>}, or an idempotency record's key. */
  public static final String EVENTS_PARTITION = "streamId";
  /** The event table's sort key (a number): the event's version in its stream, 0 for idempotency records. */
  public static final String EVENTS_SORT = "version";
  /** The event table's time-to-live attribute (epoch seconds), set on idempotency records only. */
  public static final String EVENTS_TIME_TO_LIVE = "expiresAt";
  /** The snapshot table's partition key: the stream id. */
  public static final String SNAPSHOTS_PARTITION = "streamId";
  /** A projection table's partition key: a view key, checkpoint, reaction or status item. */
  public static final String PROJECTION_PARTITION = "pk";
  /** The event table's partition key prefix of idempotency records: {@code idempotency#<streamId>#<key>}. */
  public static final String IDEMPOTENCY_PREFIX = "idempotency#";
  /** The event table's partition key prefix of unique values' reservations: {@code unique#<aggregate>#<scope>#<value>}. */
  public static final String UNIQUE_PREFIX = "unique#";
  /** The event table's partition key prefix of a stream's record of its unique values: {@code unique-owner#<streamId>#<scope>}. */
  public static final String UNIQUE_OWNER_PREFIX = "unique-owner#";
  /** The prefixes of the event table's own records, beside the streams ({@code <aggregate>#<id>}); no aggregate may be named after one. */
  public static final java.util.List<String> EVENTS_RECORD_PREFIXES = java.util.List.of(IDEMPOTENCY_PREFIX, UNIQUE_PREFIX, UNIQUE_OWNER_PREFIX);

  private TableKeys() {}
}
