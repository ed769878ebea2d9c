package dev.sourced.cdk;

import dev.sourced.deployment.Deployment;
import dev.sourced.deployment.ScheduleGroupSpec;
import dev.sourced.deployment.Trigger;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * One process manager's path, from its {@link Deployment.Process}: an EventBridge rule matching the events it handles →
 * its queue (SSE, TLS only, DLQ after the description's receive count; the rule target retries and dead-letters too) →
 * its function (an event source mapping that reports batch item failures) → its state table, and in-process commands to
 * the event table. The function may do what its grants say: load and append to the event table, read and write its own
 * table, and consume its own queue. No replay: a process manager's history is never handled again. With {@code nestedStack},
 * the function and its queue mapping go into a {@link ComponentStack} ({@link #parts()}); the table, queues, rule and
 * deadline schedules stay here, so their logical ids do not depend on it.
 */
public final class ProcessManagerPipeline extends Construct {
  private final Table table;
  private final Queue queue;
  private final Queue deadLetterQueue;
  private final Rule rule;
  private final SourcedFunction function;
  private final CfnScheduleGroup scheduleGroup;
  private final Role schedulerRole;
  private final Construct parts;

  public ProcessManagerPipeline(Construct scope, String id, ProcessManagerPipelineProps props) {
    super(scope, id);
    Deployment.Process process = props.getProcess();
    DeployedResources resources = props.getResources();
    this.table = Tables.of(this, "Table", process.table(), props.getRemovalPolicy(), props.getDeletionProtection());
    this.deadLetterQueue = Queues.of(this, "DeadLetterQueue", process.deadLetterQueue(), null);
    this.queue = Queues.of(this, "Queue", process.queue(), deadLetterQueue);
    resources.table(process.table().name(), table).queue(process.queue().name(), queue)
        .queue(process.deadLetterQueue().name(), deadLetterQueue);
    ScheduleGroupSpec schedules = process.scheduleGroup();
    if (schedules != null) {
      // the deadlines' one-time schedules live in the process manager's own group; they send with a role that may only
      // send to its queue
      this.scheduleGroup = CfnScheduleGroup.Builder.create(this, "Deadlines").name(schedules.name()).build();
      this.schedulerRole = Role.Builder.create(this, "SchedulerRole")
          // only schedules of this account may assume it (the confused-deputy guard AWS advises for Scheduler)
          .assumedBy(new ServicePrincipal(ScheduleGroupSpec.SERVICE).withConditions(Map.of("StringEquals",
              Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
          .description("EventBridge Scheduler sends process manager " + process.processManager() + "'s deadlines to its queue")
          .build();
      resources.scheduleGroup(schedules.name(), scheduleGroup).role(schedules.role(), schedulerRole);
      ManagedPolicy.Builder.create(this, "SchedulerPolicy").roles(List.of(schedulerRole))
          .statements(schedules.roleGrants().stream().map(grant -> PolicyStatement.Builder.create().sid(grant.sid())
              .actions(grant.actions()).resources(List.of(resources.arn(grant.resource()))).build()).toList())
          .build();
    } else {
      this.scheduleGroup = null;
      this.schedulerRole = null;
    }
    this.rule = Delivery.rule(this, process.rule(), resources, "Events process manager " + process.processManager() + " handles");
    // its table, queues, rule and schedules stay here: a pending deadline's schedule names the queue and the role it sends
    // with. The function is created anew if it moves, so it may go into a nested stack
    this.parts = props.getNestedStack()
        ? new ComponentStack(this, "Stack", "Sourced process manager " + process.processManager() + ": its function")
        : this;
    this.function = new SourcedFunction(parts, "Process", SourcedFunctionProps.builder().functionOptions(props)
        .function(process.function()).resources(resources).build());
    if (schedules != null) {
      Nag.suppressMatching(function.policy(), "AwsSolutions-IAM5",
          "a deadline's schedule is named by its id, known only when it is set; the grant covers the schedules of this"
              + " process manager's own group and no other", "/^Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule\\/<[A-Za-z0-9]+>\\/\\*$/g");
    }
    Delivery.mapping(parts, "QueueMapping", function, resources, process.function().triggers(Trigger.Queue.class).get(0));
  }

  /** @return where its function is: this construct, or its nested stack */
  public Construct parts() {
    return parts;
  }

  /** @return its state table */
  public Table table() {
    return table;
  }

  public Queue queue() {
    return queue;
  }

  public Queue deadLetterQueue() {
    return deadLetterQueue;
  }

  public Rule rule() {
    return rule;
  }

  public SourcedFunction function() {
    return function;
  }

  /** @return the schedule group of its deadlines; null when it has no deadline handler */
  public CfnScheduleGroup scheduleGroup() {
    return scheduleGroup;
  }

  /** @return the role its schedules send with; null when it has no deadline handler */
  public Role schedulerRole() {
    return schedulerRole;
  }
}
