package dev.sourced.cdk;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Props of a {@link SourcedHttpApi}; all optional. */
public final class SourcedHttpApiProps {
  private final String jwtIssuer;
  private final List<String> jwtAudience;
  private final Number rateLimit;
  private final Number burstLimit;
  private final RetentionDays accessLogRetention;

  private SourcedHttpApiProps(Builder builder) {
    this.jwtIssuer = builder.jwtIssuer;
    this.jwtAudience = List.copyOf(builder.jwtAudience);
    this.rateLimit = builder.rateLimit;
    this.burstLimit = builder.burstLimit;
    this.accessLogRetention = builder.accessLogRetention;
    if ((jwtIssuer == null) != jwtAudience.isEmpty()) {
      throw new IllegalArgumentException("SourcedHttpApiProps: jwtIssuer and jwtAudience go together (a JWT authorizer needs both); "
          + "leave both unset for IAM authorization");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return the issuer whose JWTs authorize requests, instead of IAM; default none (IAM authorization) */
  public String getJwtIssuer() {
    return jwtIssuer;
  }

  /** @return the accepted {@code aud} values, with {@link #getJwtIssuer()}; default none */
  public List<String> getJwtAudience() {
    return jwtAudience;
  }

  /** @return steady requests per second of the stage; default 100 */
  public Number getRateLimit() {
    return rateLimit;
  }

  /** @return the stage's burst; default 200 */
  public Number getBurstLimit() {
    return burstLimit;
  }

  /** @return how long access logs are kept; default one month */
  public RetentionDays getAccessLogRetention() {
    return accessLogRetention;
  }

  /** Builds {@link SourcedHttpApiProps}. */
  public static final class Builder {
    private String jwtIssuer;
    private List<String> jwtAudience = List.of();
    private Number rateLimit = 100;
    private Number burstLimit = 200;
    private RetentionDays accessLogRetention = RetentionDays.ONE_MONTH;

    private Builder() {}

    /** @param jwtIssuer with {@link #jwtAudience}: authorize with JWTs of this issuer instead of IAM */
    public Builder jwtIssuer(String jwtIssuer) {
      this.jwtIssuer = jwtIssuer;
      return this;
    }

    /** @param jwtAudience the accepted {@code aud} values */
    public Builder jwtAudience(List<String> jwtAudience) {
      this.jwtAudience = List.copyOf(jwtAudience);
      return this;
    }

    /** @param rateLimit default 100 requests/s */
    public Builder rateLimit(Number rateLimit) {
      this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
      return this;
    }

    /** @param burstLimit default 200 */
    public Builder burstLimit(Number burstLimit) {
      this.burstLimit = Objects.requireNonNull(burstLimit, "burstLimit");
      return this;
    }

    /** @param accessLogRetention default one month */
    public Builder accessLogRetention(RetentionDays accessLogRetention) {
      this.accessLogRetention = Objects.requireNonNull(accessLogRetention, "accessLogRetention");
      return this;
    }

    public SourcedHttpApiProps build() {
      return new SourcedHttpApiProps(this);
    }
  }
}
