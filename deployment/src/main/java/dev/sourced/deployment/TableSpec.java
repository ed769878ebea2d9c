package dev.sourced.deployment;

import java.util.Objects;

/**
 * A DynamoDB table: on demand, encrypted with an AWS-managed key.
 *
 * @param name its logical name ({@code shopping-cart-events}), the table's name on the local cloud
 * @param role what it holds
 * @param owner the projection whose table it is; null for the event and snapshot tables
 * @param partitionKey the partition key
 * @param sortKey the sort key, or null
 * @param stream whether it has a stream of new images (the event table: the publisher reads it)
 * @param timeToLiveAttribute the time-to-live attribute, or null
 * @param pointInTimeRecovery whether point-in-time recovery is on
 */
public record TableSpec(String name, Role role, String owner, KeyAttribute partitionKey, KeyAttribute sortKey, boolean stream,
    String timeToLiveAttribute, boolean pointInTimeRecovery) {
  /** What a table holds. */
  public enum Role {
    /** Events and idempotency records. */
    EVENTS,
    /** Aggregate snapshots. */
    SNAPSHOTS,
    /** A projection version's views, checkpoints and status. */
    PROJECTION
  }

  public TableSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(partitionKey, "partitionKey");
  }

  /** @return the table as a resource, for settings and grants */
  public Resource resource() {
    return Resource.table(name);
  }
}
