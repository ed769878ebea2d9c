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

  private TableKeys() {}
}
