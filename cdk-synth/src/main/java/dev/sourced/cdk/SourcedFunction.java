package dev.sourced.cdk;

import dev.sourced.deployment.Deployment;
import dev.sourced.deployment.FunctionSpec;
import dev.sourced.deployment.Grant;
import dev.sourced.deployment.HandlerNames;
import dev.sourced.deployment.Resource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * A Sourced Lambda function, as its {@link FunctionSpec} in the deployment description says: its handler,
 * its environment (resource names resolved through {@link DeployedResources}), and a policy of exactly the
 * description's grants, one statement each. SnapStart on published versions (unless switched off) behind the alias {@code live}
 * (event sources and routes target the alias), C1-only JIT for fast starts, its own log group with a
 * retention, and its own role whose only policy is that one customer-managed policy. CDK's automatic grants
 * are switched off ({@code withoutPolicyUpdates}), so nothing widens the policy behind the description's back.
 */
public final class SourcedFunction extends Construct {
  /** C1 only: the JIT that pays off within a short-lived function's life. */
  public static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

  private final FunctionSpec spec;
  private final Function function;
  private final Alias alias;
  private final ManagedPolicy policy;
  private final Role role;

  public SourcedFunction(Construct scope, String id, SourcedFunctionProps props) {
    super(scope, id);
    this.spec = props.getFunction();
    DeployedResources resources = props.getResources();
    LogGroup logs = LogGroup.Builder.create(this, "Logs").retention(props.getLogRetention()).removalPolicy(RemovalPolicy.DESTROY).build();
    this.role = Role.Builder.create(this, "Role").assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
        .description("Sourced function " + spec.handler()).build();
    this.policy = ManagedPolicy.Builder.create(this, "Policy").roles(List.of(role))
        .statements(spec.grants().stream().map(grant -> statement(grant, resources, logs)).toList())
        .build();
    IRole fixedRole = role.withoutPolicyUpdates();
    Map<String, String> env = new TreeMap<>();
    spec.environment().forEach((name, setting) -> env.put(name, Deployment.resolve(setting, resources::name, resources::arn)));
    env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
    Function.Builder builder = Function.Builder.create(this, "Function")
        .runtime(props.getRuntime())
        .code(ComponentStack.codeIn(this, props.getCode()))
        .handler(spec.handler() + HandlerNames.METHOD)
        .memorySize(props.getMemorySize() != null ? props.getMemorySize() : spec.memoryMb())
        .timeout(props.getTimeout() != null ? props.getTimeout() : Duration.seconds(spec.timeout().toSeconds()))
        .environment(env)
        .role(fixedRole)
        .logGroup(logs);
    if (props.getSnapStart()) {
      builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
    }
    this.function = builder.build();
    this.function.getNode().addDependency(policy);
    this.alias = Alias.Builder.create(this, "Live").aliasName("live").version(function.getCurrentVersion()).build();
    resources.function(spec.name(), alias);
    if (props.getSnapStart()) {
      Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
          "every deployment publishes a version (currentVersion) behind the alias live, which all invokers use");
    }
  }

  private PolicyStatement statement(Grant grant, DeployedResources resources, LogGroup logs) {
    Resource resource = grant.resource();
    String arn;
    if (resource.kind() == Resource.Kind.LOG_GROUP) {
      if (!resource.name().equals(spec.name())) {
        throw new IllegalArgumentException(spec.name() + " may write only its own log group, not " + resource);
      }
      arn = logs.getLogGroupArn();
    } else {
      arn = resources.arn(resource);
    }
    PolicyStatement.Builder statement = PolicyStatement.Builder.create().sid(grant.sid()).actions(grant.actions()).resources(List.of(arn));
    if (!grant.leadingKeys().isEmpty()) {
      // every partition key a request touches must match one of them
      statement.conditions(java.util.Map.of("ForAllValues:StringLike", java.util.Map.of("dynamodb:LeadingKeys", grant.leadingKeys())));
    }
    if (grant.passedTo() != null) {
      // the role may be handed to that service only
      statement.conditions(java.util.Map.of("StringEquals", java.util.Map.of("iam:PassedToService", grant.passedTo())));
    }
    return statement.build();
  }

  /** @return the function's entry in the deployment description */
  public FunctionSpec spec() {
    return spec;
  }

  /** @return the function */
  public Function function() {
    return function;
  }

  /** @return the alias {@code live} on the current published version; invoke this */
  public Alias alias() {
    return alias;
  }

  /** @return the function's role */
  public Role role() {
    return role;
  }

  /** @return the function's customer-managed policy */
  public ManagedPolicy policy() {
    return policy;
  }
}
