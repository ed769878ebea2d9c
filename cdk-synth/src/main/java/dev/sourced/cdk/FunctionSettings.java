package dev.sourced.cdk;

import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * What every Sourced function shares: the bundle and the sizing. Defaults:
 *
 * <ul>
 *   <li>{@code runtime}: {@link Runtime#JAVA_25}, the newest Java runtime aws-cdk-lib offers
 *   <li>{@code memorySize}: 1024 MB (Lambda's CPU share grows with memory; Java starts markedly faster with a full vCPU's share)
 *   <li>{@code timeout}: 30 s (below the projection queues' 60 s visibility timeout, as SQS event sources require)
 *   <li>{@code logRetention}: one month
 * </ul>
 */
public final class FunctionSettings {
  private final Code code;
  private final Runtime runtime;
  private final Number memorySize;
  private final Duration timeout;
  private final RetentionDays logRetention;

  private FunctionSettings(Builder builder) {
    this.code = Objects.requireNonNull(builder.code, "code (the Lambda bundle) is required");
    this.runtime = builder.runtime;
    this.memorySize = builder.memorySize;
    this.timeout = builder.timeout;
    this.logRetention = builder.logRetention;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Code code() {
    return code;
  }

  public Runtime runtime() {
    return runtime;
  }

  public Number memorySize() {
    return memorySize;
  }

  public Duration timeout() {
    return timeout;
  }

  public RetentionDays logRetention() {
    return logRetention;
  }

  /** Builds {@link FunctionSettings}. */
  public static final class Builder {
    private Code code;
    private Runtime runtime = Runtime.JAVA_25;
    private Number memorySize = 1024;
    private Duration timeout = Duration.seconds(30);
    private RetentionDays logRetention = RetentionDays.ONE_MONTH;

    private Builder() {}

    /** @param code the Lambda bundle (runtime + application), e.g. {@code Code.fromAsset("target/app-lambda.jar")}; required */
    public Builder code(Code code) {
      this.code = code;
      return this;
    }

    /** @param runtime default {@link Runtime#JAVA_25} */
    public Builder runtime(Runtime runtime) {
      this.runtime = runtime;
      return this;
    }

    /** @param memorySize in MB; default 1024 */
    public Builder memorySize(Number memorySize) {
      this.memorySize = memorySize;
      return this;
    }

    /** @param timeout default 30 s; keep it below the projection queues' visibility timeout */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** @param logRetention default one month */
    public Builder logRetention(RetentionDays logRetention) {
      this.logRetention = logRetention;
      return this;
    }

    public FunctionSettings build() {
      return new FunctionSettings(this);
    }
  }
}
