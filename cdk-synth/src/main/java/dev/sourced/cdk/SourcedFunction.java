package dev.sourced.cdk;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
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
 * A Sourced Lambda function: SnapStart on published versions behind the alias {@code live} (event
 * sources and routes target the alias), C1-only JIT for fast starts, its own log group with a
 * retention, and its own role whose only policy is one customer-managed policy holding exactly the
 * statements the function needs. CDK's automatic grants are switched off
 * ({@code withoutPolicyUpdates}), so nothing widens that policy behind the author's back.
 */
public final class SourcedFunction extends Construct {
  /** C1 only: the JIT that pays off within a short-lived function's life. */
  public static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

  private final Function function;
  private final Alias alias;
  private final ManagedPolicy policy;
  private final Role role;

  public SourcedFunction(Construct scope, String id, SourcedFunctionProps props) {
    super(scope, id);
    String handler = props.getHandler();
    LogGroup logs = LogGroup.Builder.create(this, "Logs").retention(props.getLogRetention()).removalPolicy(RemovalPolicy.DESTROY).build();
    this.role = Role.Builder.create(this, "Role").assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
        .description("Sourced function " + handler).build();
    this.policy = ManagedPolicy.Builder.create(this, "Policy").roles(List.of(role))
        .statements(List.of(PolicyStatement.Builder.create()
            .sid("WriteOwnLogs")
            .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
            .resources(List.of(logs.getLogGroupArn()))
            .build()))
        .build();
    IRole fixedRole = role.withoutPolicyUpdates();
    Map<String, String> env = new TreeMap<>(props.getEnvironment());
    env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
    this.function = Function.Builder.create(this, "Function")
        .runtime(props.getRuntime())
        .code(props.getCode())
        .handler(handler + "::handleRequest")
        .memorySize(props.getMemorySize())
        .timeout(props.getTimeout())
        .environment(env)
        .role(fixedRole)
        .logGroup(logs)
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
        .build();
    this.function.getNode().addDependency(policy);
    this.alias = Alias.Builder.create(this, "Live").aliasName("live").version(function.getCurrentVersion()).build();
    Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
        "every deployment publishes a version (currentVersion) behind the alias live, which all invokers use");
  }

  /** Adds a statement to the function's one policy. */
  public void allow(PolicyStatement statement) {
    policy.addStatements(statement);
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
