package dev.sourced.deployment;

import dev.sourced.spi.TableKeys;
import java.util.Objects;

/**
 * A DynamoDB table: on demand, encrypted with an AWS-managed key.
 *
 * @param name its logical name ({@code shopping-cart-events}), the table's name on the local cloud
 * @param role what it holds
 * @param owner the projection or process manager whose table it is; null for the event and snapshot tables
 * @param version the projection version whose table it is (a new version gets a new table); 0 for the others
 * @param partitionKey the partition key
 * @param sortKey the sort key, or null
 * @param stream whether it has a stream of new images (the event table: the publisher reads it)
 * @param timeToLiveAttribute the time-to-live attribute, or null
 * @param pointInTimeRecovery whether point-in-time recovery is on
 */
public record TableSpec(String name, Role role, String owner, int version, KeyAttribute partitionKey, KeyAttribute sortKey, boolean stream,
    String timeToLiveAttribute, boolean pointInTimeRecovery) {
  /** What a table holds. */
  public enum Role {
    /** Events and idempotency records. */
    EVENTS,
    /** Aggregate snapshots. */
    SNAPSHOTS,
    /** A projection version's views, checkpoints and status. */
    PROJECTION,
    /**
     * The version before a projection's current one, kept (and answering queries) until the current version's
     * replay has made it ready; nothing writes to it any more.
     */
    PREVIOUS_PROJECTION,
    /** A process manager's instances' states and checkpoints. */
    PROCESS_STATE
  }

  public TableSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(partitionKey, "partitionKey");
  }

  /** @return an event table: {@code streamId} (S) / {@code version} (N), stream of new images, time to live on {@code expiresAt} */
  public static TableSpec events(String name) {
    return new TableSpec(name, Role.EVENTS, null, 0, KeyAttribute.string(TableKeys.EVENTS_PARTITION),
        KeyAttribute.number(TableKeys.EVENTS_SORT), true, TableKeys.EVENTS_TIME_TO_LIVE, true);
  }

  /** @return a snapshot table: {@code streamId} (S) */
  public static TableSpec snapshots(String name) {
    return new TableSpec(name, Role.SNAPSHOTS, null, 0, KeyAttribute.string(TableKeys.SNAPSHOTS_PARTITION), null, false, null, true);
  }

  /** @return a projection version's table: {@code pk} (S) */
  public static TableSpec projection(String name, String projection, int version) {
    return new TableSpec(name, Role.PROJECTION, projection, version, KeyAttribute.string(TableKeys.PROJECTION_PARTITION), null, false, null, true);
  }

  /** @return the table a projection's version before {@code version} had, kept while {@code version} replays */
  public static TableSpec previousProjection(String name, String projection, int version) {
    return new TableSpec(name, Role.PREVIOUS_PROJECTION, projection, version, KeyAttribute.string(TableKeys.PROJECTION_PARTITION), null, false, null, true);
  }

  /** @return a process manager's state table: {@code pk} (S), laid out as a projection's */
  public static TableSpec processState(String name, String processManager) {
    return new TableSpec(name, Role.PROCESS_STATE, processManager, 0, KeyAttribute.string(TableKeys.PROJECTION_PARTITION), null, false,
        null, true);
  }

  /** @return the table as a resource, for settings and grants */
  public Resource resource() {
    return Resource.table(name);
  }
}
