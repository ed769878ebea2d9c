package dev.sourced.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Deployment} as a tree of maps (in a fixed order), lists, strings, numbers, booleans and nulls: the
 * {@code deployment} section of {@code app-model.json} (see docs/app-model.md), which the processor writes
 * with its own small JSON writer, so tools outside Java read the same description. Durations are in seconds.
 */
public final class DeploymentTree {
  private DeploymentTree() {}

  /** @return the tree of a deployment */
  public static Map<String, Object> of(Deployment deployment) {
    Map<String, Object> root = object("app", deployment.app(), "eventBus", deployment.eventBus());
    root.put("tables", list(deployment.tables(), DeploymentTree::table));
    root.put("queues", list(deployment.queues(), DeploymentTree::queue));
    root.put("rules", list(deployment.rules(), DeploymentTree::rule));
    root.put("functions", list(deployment.functions(), DeploymentTree::function));
    root.put("routes", list(deployment.routes(), r -> object("method", r.method(), "path", r.path(), "function", r.function())));
    root.put("workflows", list(deployment.workflows(), w -> object("name", w.name(), "owner", w.owner(), "functions",
        new LinkedHashMap<String, Object>(w.functions()), "waitStates", w.waitStates(),
        "grants", list(w.grants(), DeploymentTree::grant), "startsOnDeploy", w.startsOnDeploy(),
        "starterGrants", list(w.starterGrants(), DeploymentTree::grant))));
    root.put("scheduleGroups", list(deployment.scheduleGroups(), g -> object("name", g.name(), "owner", g.owner(), "role", g.role(),
        "targetQueue", g.targetQueue(), "roleGrants", list(g.roleGrants(), DeploymentTree::grant))));
    return root;
  }

  private static Map<String, Object> table(TableSpec table) {
    return object("name", table.name(), "role", lower(table.role()), "owner", table.owner(), "version", table.version(),
        "partitionKey", key(table.partitionKey()), "sortKey", table.sortKey() == null ? null : key(table.sortKey()),
        "stream", table.stream() ? "NEW_IMAGE" : null, "timeToLiveAttribute", table.timeToLiveAttribute(),
        "pointInTimeRecovery", table.pointInTimeRecovery());
  }

  private static Map<String, Object> key(KeyAttribute key) {
    return object("name", key.name(), "type", key.type() == KeyAttribute.Type.STRING ? "S" : "N");
  }

  private static Map<String, Object> queue(QueueSpec queue) {
    return object("name", queue.name(), "role", lower(queue.role()), "owner", queue.owner(),
        "visibilityTimeoutSeconds", queue.visibilityTimeout().toSeconds(), "retentionSeconds", queue.retention().toSeconds(),
        "deadLetterQueue", queue.deadLetterQueue(), "maxReceiveCount", queue.maxReceiveCount());
  }

  private static Map<String, Object> rule(RuleSpec rule) {
    return object("name", rule.name(), "owner", rule.owner(), "bus", rule.bus(), "pattern", object("source", rule.sources(), "detail-type", rule.detailTypes()),
        "targetQueue", rule.targetQueue(), "deadLetterQueue", rule.deadLetterQueue(), "retryAttempts", rule.retryAttempts(),
        "maxEventAgeSeconds", rule.maxEventAge().toSeconds());
  }

  private static Map<String, Object> function(FunctionSpec function) {
    Map<String, Object> environment = new LinkedHashMap<>();
    function.environment().forEach((name, setting) -> environment.put(name, setting instanceof Setting.NameOf ref
        ? object("nameOf", ref.resource().toString())
        : setting instanceof Setting.ArnOf ref ? object("arnOf", ref.resource().toString())
        : object("value", ((Setting.Literal) setting).value())));
    return object("name", function.name(), "kind", function.kind().id(), "handler", function.handler(), "owner", function.owner(),
        "memoryMb", function.memoryMb(), "timeoutSeconds", function.timeout().toSeconds(), "environment", environment,
        "grants", list(function.grants(), DeploymentTree::grant), "triggers", list(function.triggers(), DeploymentTree::trigger));
  }

  private static Object grant(Grant grant) {
    Map<String, Object> tree = object("sid", grant.sid(), "actions", grant.actions(), "resource", grant.resource().toString());
    if (!grant.leadingKeys().isEmpty()) {
      tree.put("leadingKeys", grant.leadingKeys());
    }
    if (grant.passedTo() != null) {
      tree.put("passedTo", grant.passedTo());
    }
    return tree;
  }

  private static Object trigger(Trigger trigger) {
    if (trigger instanceof Trigger.Stream stream) {
      return object("type", "stream", "table", stream.table(), "batchSize", stream.batchSize(), "maxRetries", stream.maxRetries(),
          "maxRecordAgeSeconds", stream.maxRecordAge().toSeconds(), "onFailure", stream.onFailure());
    }
    if (trigger instanceof Trigger.Queue queue) {
      return object("type", "queue", "queue", queue.queue(), "batchSize", queue.batchSize(), "maxConcurrency", queue.maxConcurrency(),
          "maxBatchingWindowSeconds", queue.maxBatchingWindow().toSeconds());
    }
    if (trigger instanceof Trigger.Workflow workflow) {
      return object("type", "workflow", "workflow", workflow.workflow());
    }
    return object("type", "http");
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private static <T> List<Object> list(List<T> items, java.util.function.Function<T, Object> each) {
    List<Object> list = new ArrayList<>();
    items.forEach(item -> list.add(each.apply(item)));
    return list;
  }

  private static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }
}
