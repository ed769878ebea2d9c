package dev.sourced.cdk;

import dev.sourced.deployment.TableSpec;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;

/** Props of an {@link EventStore}. */
public final class EventStoreProps {
  private final TableSpec events;
  private final TableSpec snapshots;
  private final RemovalPolicy removalPolicy;
  private final Boolean deletionProtection;

  private EventStoreProps(Builder builder) {
    this.events = builder.events;
    this.snapshots = builder.snapshots;
    this.removalPolicy = builder.removalPolicy;
    this.deletionProtection = builder.deletionProtection;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return the event table; default {@code TableSpec.events("events")}, as every Sourced event table is declared */
  public TableSpec getEvents() {
    return events;
  }

  /** @return the snapshot table; default none (no aggregate snapshots) */
  public TableSpec getSnapshots() {
    return snapshots;
  }

  /** @return what happens to the tables when the stack is deleted; default {@link RemovalPolicy#RETAIN} */
  public RemovalPolicy getRemovalPolicy() {
    return removalPolicy;
  }

  /** @return whether the tables are protected from deletion; default: when they are retained ({@link RemovalPolicy#RETAIN}) */
  public Boolean getDeletionProtection() {
    return deletionProtection;
  }

  /** Builds {@link EventStoreProps}. */
  public static final class Builder {
    private TableSpec events = TableSpec.events("events");
    private TableSpec snapshots;
    private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;
    private Boolean deletionProtection;

    private Builder() {}

    /** @param events the deployment's {@code eventTable()} */
    public Builder events(TableSpec events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /** @param snapshots the deployment's {@code snapshotTable()}; default none */
    public Builder snapshots(TableSpec snapshots) {
      this.snapshots = snapshots;
      return this;
    }

    /** @param removalPolicy default {@link RemovalPolicy#RETAIN} */
    public Builder removalPolicy(RemovalPolicy removalPolicy) {
      this.removalPolicy = Objects.requireNonNull(removalPolicy, "removalPolicy");
      return this;
    }

    /** @param deletionProtection default: on when the tables are retained */
    public Builder deletionProtection(Boolean deletionProtection) {
      this.deletionProtection = deletionProtection;
      return this;
    }

    public EventStoreProps build() {
      return new EventStoreProps(this);
    }
  }
}
