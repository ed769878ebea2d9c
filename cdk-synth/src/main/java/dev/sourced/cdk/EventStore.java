package dev.sourced.cdk;

import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The event store: the events table as the deployment description declares it ({@code streamId} /
 * {@code version}, on demand, stream with new images, point-in-time recovery, TTL on {@code expiresAt} for
 * idempotency records) and, when an aggregate snapshots, the snapshot table ({@code streamId}). Both are kept
 * when the stack is deleted, and protected from deletion, unless {@link EventStoreProps} says otherwise.
 */
public final class EventStore extends Construct {
  private final Table events;
  private final Table snapshots;

  /** An event store with the defaults: no snapshot table, tables retained when the stack is deleted. */
  public EventStore(Construct scope, String id) {
    this(scope, id, EventStoreProps.builder().build());
  }

  public EventStore(Construct scope, String id, EventStoreProps props) {
    super(scope, id);
    this.events = Tables.of(this, "Events", props.getEvents(), props.getRemovalPolicy(), props.getDeletionProtection());
    this.snapshots = props.getSnapshots() == null ? null
        : Tables.of(this, "Snapshots", props.getSnapshots(), props.getRemovalPolicy(), props.getDeletionProtection());
  }

  /** @return the events table */
  public Table events() {
    return events;
  }

  /** @return the snapshot table, or null */
  public Table snapshots() {
    return snapshots;
  }
}
