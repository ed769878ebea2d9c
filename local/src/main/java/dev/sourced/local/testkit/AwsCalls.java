package dev.sourced.local.testkit;

import dev.sourced.local.cloud.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import dev.sourced.spi.TableKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;

/**
 * Records, while {@link #start() started}, every AWS SDK call a function makes in the local cloud, as
 * the IAM action and resource it needs: {@code (cart-summary-projection, dynamodb:PutItem,
 * table:shopping-cart-cart-summary-v1)}. A transaction counts as its item actions, a batch as its
 * single action, as IAM authorizes them. The function is the one {@link Invocation#currentFunction()}
 * names: in an invocation, while initializing, or polling as its event source mapping. sourced-local
 * registers it for every SDK client of the JVM through
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}; it does nothing until started,
 * and ignores calls made outside a function (test set-up, the local cloud's own). Check what it
 * recorded against a synthesized stack with {@link DeployedPolicies}.
 */
public final class AwsCalls implements ExecutionInterceptor {
  /**
   * One permission a function used: an IAM action on a local resource ({@code table:…}, {@code stream:…},
   * {@code queue:…}, {@code bus:…}, or {@code *}), and for a DynamoDB item action the partition key it touched (what
   * {@code dynamodb:LeadingKeys} conditions), else null. A request touching several keys counts once per key.
   */
  public record Call(String function, String action, String resource, String key) {
    /** A call that touches no partition key. */
    public Call(String function, String action, String resource) {
      this(function, action, resource, null);
    }
  }

  /** The partition key attributes of Sourced's tables: events and snapshots ({@code streamId}), projections ({@code pk}). */
  private static final List<String> PARTITION_KEYS = List.of(TableKeys.EVENTS_PARTITION, TableKeys.PROJECTION_PARTITION);
  private static final java.util.regex.Pattern KEY_CONDITION = java.util.regex.Pattern.compile("(#?[A-Za-z0-9_]+)\\s*=\\s*(:[A-Za-z0-9_]+)");

  /** The SDK's service names ({@code SdkExecutionAttribute.SERVICE_NAME}) → IAM's service prefixes; others stay as they are, and match no grant. */
  private static final Map<String, String> PREFIX = Map.of("DynamoDb", "dynamodb", "DynamoDbStreams", "dynamodb", "Sqs", "sqs",
      "EventBridge", "events", "Scheduler", "scheduler");
  private static final Set<Call> CALLS = new CopyOnWriteArraySet<>();
  private static volatile boolean recording;

  /** Starts recording, forgetting what was recorded before. */
  public static void start() {
    CALLS.clear();
    recording = true;
  }

  /** @return what was recorded since {@link #start()}; recording stops */
  public static Set<Call> stop() {
    recording = false;
    return Set.copyOf(CALLS);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (!recording) {
      return;
    }
    Invocation.currentFunction().ifPresent(function -> {
      String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
      String prefix = PREFIX.getOrDefault(service, service);
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      for (String[] permission : permissions(operation, context.request())) {
        CALLS.add(new Call(function, permission[0].contains(":") ? permission[0] : prefix + ":" + permission[0], permission[1],
            permission.length > 2 ? permission[2] : null));
      }
    });
  }

  private static List<String[]> permissions(String operation, SdkRequest request) {
    List<String[]> permissions = new ArrayList<>();
    if (request instanceof TransactWriteItemsRequest transaction) {
      for (TransactWriteItem item : transaction.transactItems()) {
        if (item.put() != null) {
          permissions.add(new String[] {"PutItem", "table:" + item.put().tableName(), partition(item.put().item())});
        }
        if (item.update() != null) {
          permissions.add(new String[] {"UpdateItem", "table:" + item.update().tableName(), partition(item.update().key())});
        }
        if (item.delete() != null) {
          permissions.add(new String[] {"DeleteItem", "table:" + item.delete().tableName(), partition(item.delete().key())});
        }
        if (item.conditionCheck() != null) {
          permissions.add(new String[] {"ConditionCheckItem", "table:" + item.conditionCheck().tableName(),
              partition(item.conditionCheck().key())});
        }
      }
      return permissions;
    }
    if (request instanceof BatchGetItemRequest batchGet) {
      batchGet.requestItems().forEach((table, keys) -> keys.keys().forEach(key ->
          permissions.add(new String[] {"BatchGetItem", "table:" + table, partition(key)})));
      return permissions;
    }
    if (request instanceof QueryRequest query) {
      permissions.add(new String[] {"Query", "table:" + query.tableName(), queried(query)});
      return permissions;
    }
    if (request instanceof PutEventsRequest put) {
      put.entries().forEach(entry -> permissions.add(new String[] {"PutEvents", "bus:" + entry.eventBusName()}));
      return permissions;
    }
    var role = request.getValueForField("Target", Object.class)
        .flatMap(target -> target instanceof SdkPojo pojo ? pojo.sdkFields().stream().filter(f -> f.memberName().equals("RoleArn"))
            .map(f -> f.getValueOrDefault(pojo)).filter(String.class::isInstance).map(String.class::cast).findFirst() : java.util.Optional.empty());
    // a schedule that sends with a role needs the caller to pass it
    role.ifPresent(arn -> permissions.add(new String[] {"iam:PassRole", "role:" + arn.substring(arn.lastIndexOf('/') + 1)}));
    String action = operation.endsWith("Batch") ? operation.substring(0, operation.length() - "Batch".length()) : operation;
    @SuppressWarnings("unchecked")
    String key = request.getValueForField("Item", Map.class).or(() -> request.getValueForField("Key", Map.class))
        .map(item -> partition((Map<String, AttributeValue>) item)).orElse(null);
    permissions.add(new String[] {action, resource(request), key});
    return permissions;
  }

  /** @return the partition key value of an item or key, or null */
  private static String partition(Map<String, AttributeValue> item) {
    for (String name : PARTITION_KEYS) {
      AttributeValue value = item == null ? null : item.get(name);
      if (value != null && value.s() != null) {
        return value.s();
      }
    }
    return null;
  }

  /** @return the partition key value a Query's key condition names, or null */
  private static String queried(QueryRequest query) {
    if (query.keyConditionExpression() == null) {
      return null;
    }
    java.util.regex.Matcher condition = KEY_CONDITION.matcher(query.keyConditionExpression());
    while (condition.find()) {
      String name = condition.group(1).startsWith("#") ? query.expressionAttributeNames().get(condition.group(1)) : condition.group(1);
      AttributeValue value = query.expressionAttributeValues().get(condition.group(2));
      if (PARTITION_KEYS.contains(name) && value != null && value.s() != null) {
        return value.s();
      }
    }
    return null;
  }

  private static String resource(SdkRequest request) {
    var table = request.getValueForField("TableName", String.class);
    if (table.isPresent()) {
      return "table:" + table.get();
    }
    var stream = request.getValueForField("StreamArn", String.class);
    if (stream.isPresent()) {
      // arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>
      return "stream:" + stream.get().replaceAll(".*:table/([^/]+)/stream/.*", "$1");
    }
    if (request.getValueForField("ShardIterator", String.class).isPresent()) {
      return "stream:(by shard iterator)";
    }
    var group = request.getValueForField("GroupName", String.class);
    if (group.isPresent()) {
      return "schedules:" + group.get();
    }
    var queue = request.getValueForField("QueueUrl", String.class);
    if (queue.isPresent()) {
      return "queue:" + queue.get().substring(queue.get().lastIndexOf('/') + 1);
    }
    return "*";
  }
}
