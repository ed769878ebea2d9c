package dev.sourced.cdk;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;

/** Props of an {@link EventStore}; all optional. */
public final class EventStoreProps {
  private final boolean snapshots;
  private final RemovalPolicy removalPolicy;

  private EventStoreProps(Builder builder) {
    this.snapshots = builder.snapshots;
    this.removalPolicy = builder.removalPolicy;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return whether to create the snapshot table (some aggregate snapshots); default false */
  public boolean getSnapshots() {
    return snapshots;
  }

  /** @return what deleting the stack does to the tables; default {@link RemovalPolicy#RETAIN}: events are the record */
  public RemovalPolicy getRemovalPolicy() {
    return removalPolicy;
  }

  /** Builds {@link EventStoreProps}. */
  public static final class Builder {
    private boolean snapshots;
    private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;

    private Builder() {}

    /** @param snapshots default false */
    public Builder snapshots(boolean snapshots) {
      this.snapshots = snapshots;
      return this;
    }

    /** @param removalPolicy default {@link RemovalPolicy#RETAIN} */
    public Builder removalPolicy(RemovalPolicy removalPolicy) {
      this.removalPolicy = Objects.requireNonNull(removalPolicy, "removalPolicy");
      return this;
    }

    public EventStoreProps build() {
      return new EventStoreProps(this);
    }
  }
}
