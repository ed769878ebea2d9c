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
 * unless {@code removalPolicy} says otherwise.
 */
public final class EventStore extends Construct {
  private final Table events;
  private final Table snapshots;

  /** Settings of the {@link EventStore}. */
  public static final class Props {
    private boolean snapshots;
    private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;

    public static Props builder() {
      return new Props();
    }

    /** @param snapshots whether to create the snapshot table; default false */
    public Props snapshots(boolean snapshots) {
      this.snapshots = snapshots;
      return this;
    }

    /** @param removalPolicy what deleting the stack does to the tables; default {@link RemovalPolicy#RETAIN} */
    public Props removalPolicy(RemovalPolicy removalPolicy) {
      this.removalPolicy = removalPolicy;
      return this;
    }

    public Props build() {
      return this;
    }
  }

  public EventStore(Construct scope, String id, Props props) {
    super(scope, id);
    this.events = Tables.onDemand(this, "Events", EventTableSchema.PARTITION_KEY, props.removalPolicy)
        .sortKey(Attribute.builder().name(EventTableSchema.SORT_KEY).type(AttributeType.NUMBER).build())
        .stream(StreamViewType.NEW_IMAGE)
        .timeToLiveAttribute(EventTableSchema.TTL_ATTRIBUTE)
        .build();
    this.snapshots = !props.snapshots ? null : Tables.onDemand(this, "Snapshots", "streamId", props.removalPolicy).build();
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
