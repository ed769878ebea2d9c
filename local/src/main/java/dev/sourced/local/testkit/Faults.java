package dev.sourced.local.testkit;

import dev.sourced.local.cloud.Invocation;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Injects, while {@link #start started}, the faults AWS services produce and the local servers never do,
 * into the calls the functions of a {@link dev.sourced.local.cloud.LocalCloud} make (test set-up and the
 * local cloud's own calls are left alone): throttling and 5xx answers that never reach the server, and
 * timeouts after the server did the work (the answer is lost, so the caller cannot tell whether its write
 * happened — the hardest case for exactness). Per service, a share of calls; seeded, so runs repeat.
 * sourced-local registers it for every SDK client of the JVM, as {@link AwsCalls}; it does nothing until
 * started.
 *
 * <pre>{@code
 * Faults.start(new Faults.Plan(0.2, 0.1, 0.05), 42, "DynamoDb", "EventBridge", "Sqs");
 * ... traffic ...
 * Map<String, Integer> injected = Faults.stop();
 * }</pre>
 */
public final class Faults implements ExecutionInterceptor {
  /**
   * What share of a service's calls fail, and how.
   *
   * @param throttling share answered with a throttling error before reaching the server
   * @param serverError share answered with a 500 before reaching the server
   * @param lostResponse share that reach the server, which does the work, and then fail as a timeout would
   */
  public record Plan(double throttling, double serverError, double lostResponse) {
    public Plan {
      if (throttling < 0 || serverError < 0 || lostResponse < 0 || throttling + serverError + lostResponse > 1) {
        throw new IllegalArgumentException("shares must be ≥ 0 and add up to at most 1");
      }
    }
  }

  private static volatile Plan plan;
  private static volatile Map<String, Boolean> services = Map.of();
  private static volatile Random random = new Random(0);
  private static final Map<String, AtomicInteger> INJECTED = new ConcurrentHashMap<>();

  /**
   * Starts injecting, forgetting earlier counts.
   *
   * @param faults the shares
   * @param seed the random seed
   * @param serviceNames the SDK's service names: {@code DynamoDb}, {@code DynamoDbStreams}, {@code EventBridge}, {@code Sqs}
   */
  public static void start(Plan faults, long seed, String... serviceNames) {
    Map<String, Boolean> chosen = new ConcurrentHashMap<>();
    for (String name : serviceNames) {
      chosen.put(name, true);
    }
    INJECTED.clear();
    random = new Random(seed);
    services = chosen;
    plan = Objects.requireNonNull(faults);
  }

  /** @return how many faults were injected, by {@code <service> <kind>}; injecting stops */
  public static Map<String, Integer> stop() {
    plan = null;
    Map<String, Integer> counts = new java.util.TreeMap<>();
    INJECTED.forEach((key, count) -> counts.put(key, count.get()));
    return counts;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String kind = draw(attributes);
    if (kind != null && !kind.equals("lost-response")) {
      throw fault(attributes, kind);
    }
    if (kind != null) {
      attributes.putAttribute(LOSE_RESPONSE, true);
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (Boolean.TRUE.equals(attributes.getAttribute(LOSE_RESPONSE))) {
      throw fault(attributes, "lost-response");
    }
  }

  private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Boolean> LOSE_RESPONSE =
      new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("sourced.faults.lose-response");

  /** @return the fault to inject into this call, or null */
  private static String draw(ExecutionAttributes attributes) {
    Plan current = plan;
    if (current == null || Invocation.currentFunction().isEmpty()) {
      return null;
    }
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    if (!services.containsKey(service)) {
      return null;
    }
    double draw;
    synchronized (Faults.class) {
      draw = random.nextDouble();
    }
    String kind = draw < current.throttling() ? "throttling"
        : draw < current.throttling() + current.serverError() ? "server-error"
        : draw < current.throttling() + current.serverError() + current.lostResponse() ? "lost-response" : null;
    if (kind != null) {
      INJECTED.computeIfAbsent(service + " " + kind, k -> new AtomicInteger()).incrementAndGet();
    }
    return kind;
  }

  /** @return the service's own exception type, as its client would throw it */
  private static AwsServiceException fault(ExecutionAttributes attributes, String kind) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    boolean throttling = kind.equals("throttling");
    AwsErrorDetails details = AwsErrorDetails.builder().serviceName(service)
        .errorCode(throttling ? "ThrottlingException" : kind.equals("server-error") ? "InternalServerError" : "RequestTimeout")
        .errorMessage("injected " + kind).build();
    AwsServiceException.Builder builder = switch (service) {
      case "DynamoDb", "DynamoDbStreams" -> DynamoDbException.builder();
      case "EventBridge" -> EventBridgeException.builder();
      case "Sqs" -> SqsException.builder();
      default -> AwsServiceException.builder();
    };
    return builder.statusCode(throttling ? 400 : kind.equals("server-error") ? 500 : 504).awsErrorDetails(details)
        .message("injected " + kind + " (" + service + ")").build();
  }
}
