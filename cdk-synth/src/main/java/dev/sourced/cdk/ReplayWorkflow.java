package dev.sourced.cdk;

import dev.sourced.deployment.Grant;
import dev.sourced.deployment.Resource;
import dev.sourced.deployment.WorkflowSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * A {@link WorkflowSpec} as a Step Functions state machine: the description's definition as it is, its
 * placeholders filled through {@code definitionSubstitutions} with the ARNs of the functions they stand for
 * (their alias {@code live}), so the deployed definition is the one the local cloud runs; a role whose
 * customer-managed policy is exactly the description's grants (Step Functions' own log delivery and X-Ray
 * permissions aside, which CDK adds); every event logged with execution data; X-Ray tracing. When the spec says so,
 * a deployment that creates the workflow, or changes the projection version it serves, starts it (a custom
 * resource calling {@code StartExecution} on create and update). Its ARN is a stack output, to start it by hand.
 */
public final class ReplayWorkflow extends Construct {
  private final StateMachine stateMachine;
  private final Role role;
  private final ManagedPolicy policy;

  /**
   * @param spec the workflow
   * @param resources where the functions it invokes are registered
   * @param version the projection version it rebuilds: a new one starts it on deploy
   * @param logRetention how long its execution log is kept
   */
  public ReplayWorkflow(Construct scope, String id, WorkflowSpec spec, DeployedResources resources, int version,
      RetentionDays logRetention) {
    super(scope, id);
    this.role = Role.Builder.create(this, "Role").assumedBy(new ServicePrincipal("states.amazonaws.com"))
        .description("Sourced workflow " + spec.name()).build();
    this.policy = ManagedPolicy.Builder.create(this, "Policy").roles(List.of(role))
        .statements(spec.grants().stream().map(grant -> statement(grant, resources)).toList())
        .build();
    LogGroup logs = LogGroup.Builder.create(this, "Logs").retention(logRetention).removalPolicy(RemovalPolicy.DESTROY).build();
    Map<String, String> substitutions = new TreeMap<>();
    spec.functions().forEach((placeholder, function) -> substitutions.put(placeholder, resources.function(function).getFunctionArn()));
    this.stateMachine = StateMachine.Builder.create(this, "StateMachine")
        .stateMachineType(StateMachineType.STANDARD)
        .comment("Replays the event store into projection " + spec.owner() + " v" + version + " (docs/replay.md)")
        .definitionBody(DefinitionBody.fromString(spec.definition()))
        .definitionSubstitutions(substitutions)
        .role(role)
        .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(true).build())
        .tracingEnabled(true)
        .build();
    stateMachine.getNode().addDependency(policy);
    resources.workflow(spec.name(), stateMachine);
    Nag.suppress(role.getNode().tryFindChild("DefaultPolicy"), "AwsSolutions-IAM5",
        "Step Functions' log delivery and X-Ray actions have no resource-level permissions; CDK adds them for logging"
            + " and tracing. The workflow's own permissions are in its managed policy, one resource each", "Resource::*");
    if (spec.startsOnDeploy()) {
      AwsSdkCall start = AwsSdkCall.builder().service("SFN").action("startExecution")
          // sorted, so the synthesized template is the same on every run
          .parameters(new TreeMap<>(Map.of("stateMachineArn", stateMachine.getStateMachineArn(),
              "input", "{\"trigger\":\"deploy\",\"projection\":\"" + spec.owner() + "\",\"version\":" + version + "}")))
          .physicalResourceId(PhysicalResourceId.of(spec.name() + "-v" + version))
          .build();
      AwsCustomResource starter = AwsCustomResource.Builder.create(this, "StartOnDeploy")
          .onCreate(start)
          .onUpdate(start)
          .installLatestAwsSdk(false)
          .policy(AwsCustomResourcePolicy.fromStatements(spec.starterGrants().stream().map(grant -> statement(grant, resources)).toList()))
          .build();
      starter.getNode().addDependency(stateMachine);
      // CDK's provider of AwsCustomResource (one per stack) runs with Lambda's basic execution role
      var provider = software.amazon.awscdk.Stack.of(this).getNode().tryFindChild("AWS" + AwsCustomResource.PROVIDER_FUNCTION_UUID.replace("-", ""));
      if (provider != null && provider.getNode().tryFindChild("ServiceRole") != null) {
        Nag.suppress(provider.getNode().tryFindChild("ServiceRole"), "AwsSolutions-IAM4",
            "CDK's AwsCustomResource provider writes its log with AWSLambdaBasicExecutionRole; its one action, states:StartExecution"
                + " on this state machine, is in its own policy", "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
      }
    }
    new CfnOutput(this, "Arn", CfnOutputProps.builder().value(stateMachine.getStateMachineArn())
        .description("Replay of projection " + spec.owner() + ": aws stepfunctions start-execution --state-machine-arn <this>"
            + " --input '{}' (or '{\"streamId\":\"…\"}' for one stream)").build());
  }

  private static PolicyStatement statement(Grant grant, DeployedResources resources) {
    return PolicyStatement.Builder.create().sid(grant.sid()).actions(grant.actions())
        .resources(List.of(grant.resource().kind() == Resource.Kind.ANY ? "*" : resources.arn(grant.resource()))).build();
  }

  /** @return the state machine */
  public StateMachine stateMachine() {
    return stateMachine;
  }

  /** @return its role */
  public Role role() {
    return role;
  }

  /** @return its role's customer-managed policy: the description's grants */
  public ManagedPolicy policy() {
    return policy;
  }
}
