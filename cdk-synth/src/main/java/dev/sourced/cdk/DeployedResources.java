package dev.sourced.cdk;

import dev.sourced.deployment.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;

/**
 * The constructs of one app's resources by their logical names in the deployment description, so that
 * a function's settings and grants, which name resources, resolve to the deployed names and ARNs. Each
 * construct that creates a resource registers it here.
 */
public final class DeployedResources {
  private final Map<String, ITable> tables = new LinkedHashMap<>();
  private final Map<String, IQueue> queues = new LinkedHashMap<>();
  private final Map<String, IEventBus> buses = new LinkedHashMap<>();
  private final Map<String, IFunction> functions = new LinkedHashMap<>();
  private final Map<String, IStateMachine> workflows = new LinkedHashMap<>();
  private final Map<String, software.amazon.awscdk.services.scheduler.CfnScheduleGroup> scheduleGroups = new LinkedHashMap<>();
  private final Map<String, software.amazon.awscdk.services.iam.IRole> roles = new LinkedHashMap<>();

  /** Registers a schedule group under its logical name. */
  public DeployedResources scheduleGroup(String name, software.amazon.awscdk.services.scheduler.CfnScheduleGroup group) {
    scheduleGroups.put(name, group);
    return this;
  }

  /** Registers a role under its logical name. */
  public DeployedResources role(String name, software.amazon.awscdk.services.iam.IRole role) {
    roles.put(name, role);
    return this;
  }

  /** Registers a table under its logical name. */
  public DeployedResources table(String name, ITable table) {
    tables.put(name, table);
    return this;
  }

  /** Registers a queue under its logical name. */
  public DeployedResources queue(String name, IQueue queue) {
    queues.put(name, queue);
    return this;
  }

  /** Registers a bus under its logical name. */
  public DeployedResources bus(String name, IEventBus bus) {
    buses.put(name, bus);
    return this;
  }

  /** Registers a function (its alias {@code live}, which every invoker uses) under its logical name. */
  public DeployedResources function(String name, IFunction function) {
    functions.put(name, function);
    return this;
  }

  /** Registers a workflow's state machine under its logical name. */
  public DeployedResources workflow(String name, IStateMachine stateMachine) {
    workflows.put(name, stateMachine);
    return this;
  }

  /** @return the function (its alias {@code live}) of a logical name */
  public IFunction function(String name) {
    return require(functions, name, "function");
  }

  /** @return the table of a logical name */
  public ITable table(String name) {
    return require(tables, name, "table");
  }

  /** @return the queue of a logical name */
  public IQueue queue(String name) {
    return require(queues, name, "queue");
  }

  /** @return the bus of a logical name */
  public IEventBus bus(String name) {
    return require(buses, name, "bus");
  }

  /** @return what a function's setting holds for a resource: a table's or bus's deployed name, a queue's URL */
  public String name(Resource resource) {
    return switch (resource.kind()) {
      case TABLE -> table(resource.name()).getTableName();
      case BUS -> bus(resource.name()).getEventBusName();
      case QUEUE -> queue(resource.name()).getQueueUrl();
      case SCHEDULE_GROUP -> require(scheduleGroups, resource.name(), "schedule group").getRef();
      case ROLE -> require(roles, resource.name(), "role").getRoleArn();
      default -> throw new IllegalArgumentException("a setting cannot name " + resource);
    };
  }

  /** @return the ARN a grant on the resource applies to ({@code *} for every resource) */
  public String arn(Resource resource) {
    return switch (resource.kind()) {
      case TABLE -> table(resource.name()).getTableArn();
      case STREAM -> table(resource.name()).getTableStreamArn();
      case QUEUE -> queue(resource.name()).getQueueArn();
      case BUS -> bus(resource.name()).getEventBusArn();
      case FUNCTION -> function(resource.name()).getFunctionArn();
      case WORKFLOW -> require(workflows, resource.name(), "workflow").getStateMachineArn();
      case ANY -> "*";
      case SCHEDULE_GROUP -> software.amazon.awscdk.Fn.join("", List.of("arn:", software.amazon.awscdk.Aws.PARTITION, ":scheduler:",
          software.amazon.awscdk.Aws.REGION, ":", software.amazon.awscdk.Aws.ACCOUNT_ID, ":schedule/",
          require(scheduleGroups, resource.name(), "schedule group").getRef(), "/*"));
      case ROLE -> require(roles, resource.name(), "role").getRoleArn();
      case LOG_GROUP -> throw new IllegalArgumentException("a log group belongs to its function: " + resource);
    };
  }

  private static <T> T require(Map<String, T> constructs, String name, String kind) {
    T construct = constructs.get(name);
    if (construct == null) {
      throw new IllegalArgumentException("no " + kind + " '" + name + "' was created yet; created: " + constructs.keySet());
    }
    return construct;
  }
}
