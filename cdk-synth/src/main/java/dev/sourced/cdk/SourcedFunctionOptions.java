package dev.sourced.cdk;

import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The props every construct that creates a Sourced function shares: the bundle and the sizing. Like
 * CDK's own {@code FunctionOptions}, the props of {@link SourcedFunction}, {@link CommandFunction} and
 * {@link QueryFunction} ({@link SourcedFunctionProps}), {@link EventPublisher}, {@link ProjectionPipeline} and {@link SourcedBackend}
 * extend it, so they stay flat: {@code EventPublisherProps.builder().code(…).memorySize(2048)…}.
 */
public abstract class SourcedFunctionOptions {
  private final Code code;
  private final Runtime runtime;
  private final Number memorySize;
  private final Duration timeout;
  private final RetentionDays logRetention;
  private final boolean snapStart;

  protected SourcedFunctionOptions(Builder<?> builder) {
    this.code = required(builder.code, "code (the Lambda bundle, e.g. LambdaBundle.in(Path.of(\"target\")))", getClass());
    this.runtime = builder.runtime;
    this.memorySize = builder.memorySize;
    this.timeout = builder.timeout;
    this.logRetention = builder.logRetention;
    this.snapStart = builder.snapStart;
  }

  /** @return the Lambda bundle: the Sourced runtime and the application */
  public Code getCode() {
    return code;
  }

  /** @return the Lambda runtime; default {@link Runtime#JAVA_25}, the newest Java runtime aws-cdk-lib offers */
  public Runtime getRuntime() {
    return runtime;
  }

  /** @return memory in MB; default null: each function's from the deployment description ({@code DeploymentOptions.memoryMb()}, 1024 by default) */
  public Number getMemorySize() {
    return memorySize;
  }

  /** @return the timeout; default null: each function's from the deployment description ({@code DeploymentOptions}: 10 s for command and query functions, 30 s for the others, by default) */
  public Duration getTimeout() {
    return timeout;
  }

  /** @return how long the function's log group keeps logs; default one month */
  public RetentionDays getLogRetention() {
    return logRetention;
  }

  /** @return whether functions use SnapStart on published versions; default true (switch it off where a region lacks it) */
  public boolean getSnapStart() {
    return snapStart;
  }

  static <T> T required(T value, String name, Class<?> props) {
    return Objects.requireNonNull(value, () -> props.getSimpleName() + ": " + name + " is required");
  }

  /** The setters of the shared function props; {@code B} is the concrete builder. */
  public abstract static class Builder<B extends Builder<B>> {
    private Code code;
    private Runtime runtime = Runtime.JAVA_25;
    private Number memorySize;
    private Duration timeout;
    private RetentionDays logRetention = RetentionDays.ONE_MONTH;
    private boolean snapStart = true;

    protected Builder() {}

    protected abstract B self();

    /** @param code the Lambda bundle, e.g. {@code LambdaBundle.in(Path.of("target"))}; required */
    public B code(Code code) {
      this.code = code;
      return self();
    }

    /** @param runtime default {@link Runtime#JAVA_25} */
    public B runtime(Runtime runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return self();
    }

    /** @param memorySize in MB; default the deployment description's, 1024 */
    public B memorySize(Number memorySize) {
      this.memorySize = Objects.requireNonNull(memorySize, "memorySize");
      return self();
    }

    /** @param timeout default the deployment description's, 30 s; keep it below the projection queues' visibility timeout */
    public B timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return self();
    }

    /** @param logRetention default one month */
    public B logRetention(RetentionDays logRetention) {
      this.logRetention = Objects.requireNonNull(logRetention, "logRetention");
      return self();
    }

    /** @param snapStart default true: SnapStart on published versions; false where a region does not offer it */
    public B snapStart(boolean snapStart) {
      this.snapStart = snapStart;
      return self();
    }

    /** Takes all shared function props (bundle and sizing) from {@code options}, as a composite passes them on. */
    public B functionOptions(SourcedFunctionOptions options) {
      this.code = options.getCode();
      this.runtime = options.getRuntime();
      this.memorySize = options.getMemorySize();
      this.timeout = options.getTimeout();
      this.logRetention = options.getLogRetention();
      this.snapStart = options.getSnapStart();
      return self();
    }
  }
}
