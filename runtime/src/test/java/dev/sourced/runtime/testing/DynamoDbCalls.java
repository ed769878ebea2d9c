package dev.sourced.runtime.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records the calls a client makes, with when each started and ended, so a test can pin how many calls a
 * piece of work costs and in how many round trips: calls that overlap in time share one.
 *
 * <pre>{@code
 * DynamoDbCalls calls = new DynamoDbCalls();
 * DynamoDbClient client = dynamoDb.newClient(o -> o.addExecutionInterceptor(calls));
 * ... work ...
 * assertThat(calls.take().operations()).containsExactly("Query", "PutItem");
 * }</pre>
 *
 * A call counts once however often the SDK retried it; a call still running is not listed until it ends.
 */
public final class DynamoDbCalls implements ExecutionInterceptor {
  /**
   * One call.
   *
   * @param operation the API operation, e.g. {@code PutItem}
   * @param startNanos {@link System#nanoTime()} when the SDK began it
   * @param endNanos when it answered or failed
   * @param failed whether it ended in an exception (a failed condition, a fault)
   */
  public record Call(String operation, long startNanos, long endNanos, boolean failed) {}

  /**
   * What was recorded.
   *
   * @param calls in the order they started
   */
  public record Recorded(List<Call> calls) {
    /** @return each call's operation, in the order they started */
    public List<String> operations() {
      return calls.stream().map(Call::operation).toList();
    }

    /** @return how many round trips the calls took one after the other: calls that overlap in time count as one */
    public int roundTrips() {
      return trips().size();
    }

    /** @return the operations by round trip: calls that overlap in time share one, named in alphabetical order */
    public List<List<String>> trips() {
      List<List<String>> trips = new ArrayList<>();
      long end = Long.MIN_VALUE;
      for (Call call : calls) {
        if (trips.isEmpty() || call.startNanos() >= end) {
          trips.add(new ArrayList<>());
          end = call.endNanos();
        } else {
          end = Math.max(end, call.endNanos());
        }
        trips.get(trips.size() - 1).add(call.operation());
      }
      return trips.stream().map(trip -> trip.stream().sorted().toList()).toList();
    }

    /** @return the round trips one after the other, e.g. {@code GetItem ‖ Query → PutItem} ({@code ‖}: at the same time) */
    public String path() {
      return String.join(" → ", trips().stream().map(trip -> String.join(" ‖ ", trip)).toList());
    }
  }

  private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("sourced.testing.dynamodb-calls.started");

  private final List<Call> calls = new ArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(STARTED, System.nanoTime());
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    ended(attributes, false);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    ended(attributes, true);
  }

  private void ended(ExecutionAttributes attributes, boolean failed) {
    long end = System.nanoTime();
    Long start = attributes.getAttribute(STARTED);
    synchronized (calls) {
      calls.add(new Call(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), start == null ? end : start, end, failed));
    }
  }

  /** @return what was recorded since the last {@code take()}, which it forgets */
  public Recorded take() {
    synchronized (calls) {
      List<Call> taken = new ArrayList<>(calls);
      calls.clear();
      taken.sort(Comparator.comparingLong(Call::startNanos));
      return new Recorded(List.copyOf(taken));
    }
  }

  /**
   * @param work what to record, e.g. one command
   * @return the calls made while it ran (what was recorded before is forgotten)
   */
  public Recorded during(Runnable work) {
    take();
    work.run();
    return take();
  }
}
