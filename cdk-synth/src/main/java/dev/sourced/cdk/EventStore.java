package dev.sourced.cdk;

import dev.sourced.runtime.store.EventTableSchema;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The event store: the events table ({@code streamId} / {@code version}, on demand, stream with new
 * images, point-in-time recovery, TTL on {@code expiresAt} for idempotency records) and, when an
 * aggregate snapshots, the snapshot table ({@code streamId}). Both are kept when the stack is deleted
 * unless {@link EventStoreProps#getRemovalPolicy()} says otherwise.
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
    this.events = Tables.onDemand(this, "Events", EventTableSchema.PARTITION_KEY, props.getRemovalPolicy())
        .sortKey(Attribute.builder().name(EventTableSchema.SORT_KEY).type(AttributeType.NUMBER).build())
        .stream(StreamViewType.NEW_IMAGE)
        .timeToLiveAttribute(EventTableSchema.TTL_ATTRIBUTE)
        .build();
    this.snapshots = !props.getSnapshots() ? null : Tables.onDemand(this, "Snapshots", "streamId", props.getRemovalPolicy()).build();
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
