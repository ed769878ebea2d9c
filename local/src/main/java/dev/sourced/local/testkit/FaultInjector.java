package dev.sourced.local.testkit;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Makes DynamoDB fail the way it does under load, which DynamoDB Local never does: throttling on a
 * share of calls and {@code TransactionConflict} cancellations on a share of transactions. A faulted
 * call never reaches the table (its operation header is rewritten to one DynamoDB Local rejects), so
 * nothing is written, exactly as with the real service; its responses are replaced by the error
 * DynamoDB would send. Seeded, so runs repeat.
 */
public final class FaultInjector implements ExecutionInterceptor {
  private static final ExecutionAttribute<String> FAULT = new ExecutionAttribute<>("sourced.injected-fault");
  private static final String THROTTLING = "throttling";
  private static final String TRANSACTION_CONFLICT = "transaction-conflict";

  private final double throttlingShare;
  private final double transactionConflictShare;
  private final Random random;
  private final AtomicInteger throttled = new AtomicInteger();
  private final AtomicInteger conflicted = new AtomicInteger();

  /**
   * @param throttlingShare share of calls (0..1) answered with a ThrottlingException
   * @param transactionConflictShare share of TransactWriteItems calls cancelled with TransactionConflict
   * @param seed the random seed
   */
  public FaultInjector(double throttlingShare, double transactionConflictShare, long seed) {
    this.throttlingShare = throttlingShare;
    this.transactionConflictShare = transactionConflictShare;
    this.random = new Random(seed);
  }

  /** @return how many calls were answered with throttling */
  public int throttled() {
    return throttled.get();
  }

  /** @return how many transactions were cancelled with TransactionConflict */
  public int transactionConflicts() {
    return conflicted.get();
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    String fault = null;
    synchronized (random) {
      if (request instanceof TransactWriteItemsRequest && random.nextDouble() < transactionConflictShare) {
        fault = TRANSACTION_CONFLICT;
      } else if (random.nextDouble() < throttlingShare) {
        fault = THROTTLING;
      }
    }
    if (fault == null) {
      return context.httpRequest();
    }
    attributes.putAttribute(FAULT, fault);
    (fault.equals(THROTTLING) ? throttled : conflicted).incrementAndGet();
    return ((SdkHttpFullRequest) context.httpRequest()).toBuilder()
        .putHeader("X-Amz-Target", "DynamoDB_20120810.SourcedInjectedFault")
        .build();
  }

  @Override
  public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    if (attributes.getAttribute(FAULT) == null) {
      return context.httpResponse();
    }
    return context.httpResponse().toBuilder().statusCode(400).statusText("Bad Request")
        .removeHeader("Content-Length").build();
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    String fault = attributes.getAttribute(FAULT);
    if (fault == null) {
      return context.responseBody();
    }
    String body;
    if (fault.equals(THROTTLING)) {
      body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\",\"message\":\"Rate of requests exceeds the allowed throughput (injected)\"}";
    } else {
      int items = ((TransactWriteItemsRequest) context.request()).transactItems().size();
      StringBuilder reasons = new StringBuilder();
      for (int i = 0; i < items; i++) {
        reasons.append(i == 0 ? "" : ",").append(i == 0
            ? "{\"Code\":\"TransactionConflict\",\"Message\":\"Transaction is ongoing for the item (injected)\"}"
            : "{\"Code\":\"None\"}");
      }
      body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
          + "\"Message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict] (injected)\","
          + "\"CancellationReasons\":[" + reasons + "]}";
    }
    return Optional.of(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }
}
