package dev.sourced.cdk;

import dev.sourced.deployment.Deployment;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * Props of a {@link SourcedBackend}, flat: the app's {@link Deployment} (what it deploys), the function props
 * every function shares ({@link SourcedFunctionOptions}), the HTTP API's ({@code jwt…}, {@code api…}), the
 * alarm topic and the data removal policy. {@link SourcedStack#backendProps(dev.sourced.spi.SourcedApplication)}
 * gives a builder with the deployment already set.
 */
public final class SourcedBackendProps extends SourcedFunctionOptions {
  private final Deployment deployment;
  private final SourcedHttpApiProps api;
  private final ITopic alarmTopic;
  private final RemovalPolicy dataRemovalPolicy;
  private final Boolean dataDeletionProtection;
  private final StackLayout stackLayout;

  private SourcedBackendProps(Builder builder) {
    super(builder);
    this.deployment = required(builder.deployment, "deployment (Deployment.of(app))", SourcedBackendProps.class);
    this.api = builder.api.build();
    this.alarmTopic = builder.alarmTopic;
    this.dataRemovalPolicy = builder.dataRemovalPolicy;
    this.dataDeletionProtection = builder.dataDeletionProtection;
    this.stackLayout = builder.stackLayout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return what the app deploys: its functions, tables, queues, rules and routes */
  public Deployment getDeployment() {
    return deployment;
  }

  /** @return the issuer whose JWTs authorize API requests; default none: IAM (SigV4) authorization */
  public String getJwtIssuer() {
    return api.getJwtIssuer();
  }

  /** @return the accepted {@code aud} values, with {@link #getJwtIssuer()}; default none */
  public List<String> getJwtAudience() {
    return api.getJwtAudience();
  }

  /** @return the API's steady requests per second; default 100 */
  public Number getApiRateLimit() {
    return api.getRateLimit();
  }

  /** @return the API's burst; default 200 */
  public Number getApiBurstLimit() {
    return api.getBurstLimit();
  }

  /** @return how long API access logs are kept; default one month */
  public RetentionDays getApiAccessLogRetention() {
    return api.getAccessLogRetention();
  }

  /** @return the topic the dead-letter alarms notify; default a new TLS-only topic */
  public ITopic getAlarmTopic() {
    return alarmTopic;
  }

  /**
   * @return what deleting the stack does to the event store and projection tables; default
   *     {@link RemovalPolicy#RETAIN} (use {@code DESTROY} only for throw-away stacks)
   */
  public RemovalPolicy getDataRemovalPolicy() {
    return dataRemovalPolicy;
  }

  /** @return whether the event store and projection tables are protected from deletion; default: when they are retained */
  public Boolean getDataDeletionProtection() {
    return dataDeletionProtection;
  }

  /**
   * @return how the backend spreads over stacks; default {@link StackLayout#ONE_STACK}, which CloudFormation limits to 500
   *     resources (about 4 aggregates and 8 projections). See docs/deploy.md, "Nested stacks"
   */
  public StackLayout getStackLayout() {
    return stackLayout;
  }

  SourcedHttpApiProps httpApiProps() {
    return api;
  }

  /** Builds {@link SourcedBackendProps}; {@code deployment} and {@code code} are required. */
  public static final class Builder extends SourcedFunctionOptions.Builder<Builder> {
    private Deployment deployment;
    private final SourcedHttpApiProps.Builder api = SourcedHttpApiProps.builder();
    private ITopic alarmTopic;
    private RemovalPolicy dataRemovalPolicy = RemovalPolicy.RETAIN;
    private Boolean dataDeletionProtection;
    private StackLayout stackLayout = StackLayout.ONE_STACK;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** @param deployment {@code Deployment.of(app)}; required */
    public Builder deployment(Deployment deployment) {
      this.deployment = deployment;
      return this;
    }

    /** @param jwtIssuer with {@link #jwtAudience}: authorize with JWTs of this issuer instead of IAM */
    public Builder jwtIssuer(String jwtIssuer) {
      api.jwtIssuer(jwtIssuer);
      return this;
    }

    /** @param jwtAudience the accepted {@code aud} values */
    public Builder jwtAudience(List<String> jwtAudience) {
      api.jwtAudience(jwtAudience);
      return this;
    }

    /** @param rateLimit default 100 requests/s */
    public Builder apiRateLimit(Number rateLimit) {
      api.rateLimit(rateLimit);
      return this;
    }

    /** @param burstLimit default 200 */
    public Builder apiBurstLimit(Number burstLimit) {
      api.burstLimit(burstLimit);
      return this;
    }

    /** @param retention default one month */
    public Builder apiAccessLogRetention(RetentionDays retention) {
      api.accessLogRetention(retention);
      return this;
    }

    /** @param alarmTopic default a new TLS-only topic */
    public Builder alarmTopic(ITopic alarmTopic) {
      this.alarmTopic = alarmTopic;
      return this;
    }

    /** @param dataDeletionProtection default: on when the tables are retained ({@link #dataRemovalPolicy}) */
    public Builder dataDeletionProtection(Boolean dataDeletionProtection) {
      this.dataDeletionProtection = dataDeletionProtection;
      return this;
    }

    /** @param dataRemovalPolicy default {@link RemovalPolicy#RETAIN} */
    public Builder dataRemovalPolicy(RemovalPolicy dataRemovalPolicy) {
      this.dataRemovalPolicy = Objects.requireNonNull(dataRemovalPolicy, "dataRemovalPolicy");
      return this;
    }

    /**
     * @param stackLayout default {@link StackLayout#ONE_STACK}; {@link StackLayout#NESTED} puts each aggregate, projection
     *     and process manager in a nested stack of its own, keeping every table where it is (docs/deploy.md, "Nested stacks")
     */
    public Builder stackLayout(StackLayout stackLayout) {
      this.stackLayout = Objects.requireNonNull(stackLayout, "stackLayout");
      return this;
    }

    public SourcedBackendProps build() {
      return new SourcedBackendProps(this);
    }
  }
}
