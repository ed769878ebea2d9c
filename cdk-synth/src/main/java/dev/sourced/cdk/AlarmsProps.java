package dev.sourced.cdk;

import software.amazon.awscdk.services.sns.ITopic;

/** Props of {@link Alarms}; all optional. */
public final class AlarmsProps {
  private final ITopic topic;

  private AlarmsProps(Builder builder) {
    this.topic = builder.topic;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return the topic the alarms notify, e.g. an existing on-call topic; default a new TLS-only topic */
  public ITopic getTopic() {
    return topic;
  }

  /** Builds {@link AlarmsProps}. */
  public static final class Builder {
    private ITopic topic;

    private Builder() {}

    /** @param topic default a new TLS-only topic */
    public Builder topic(ITopic topic) {
      this.topic = topic;
      return this;
    }

    public AlarmsProps build() {
      return new AlarmsProps(this);
    }
  }
}
