package dev.sourced.cdk;

import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.NestedStackProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.AssetCode;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The nested stack of one aggregate, projection or process manager when a {@link SourcedBackend} deploys with
 * {@link StackLayout#NESTED} or {@link StackLayout#NESTED_WITH_ROUTES}: CloudFormation counts it as one resource in its parent and takes up to 500 of its own. It
 * holds what can be created anew (functions, roles, rules, a projection's queues and replay workflow, alarms); the state
 * (tables, and a process manager's queues and schedules) stays in the parent, at the construct path it has in one stack,
 * so its logical id and its data do not change with the layout. The Lambda bundle is an asset of each stack that uses it,
 * and alarms notify the parent's topic.
 */
public final class ComponentStack extends NestedStack {
  /** By asset path: the same file as this stack's asset. */
  private final java.util.Map<String, Code> codes = new java.util.HashMap<>();
  private Alarms alarms;

  /** @param description what it deploys, shown by CloudFormation */
  public ComponentStack(Construct scope, String id, String description) {
    super(scope, id, NestedStackProps.builder().description(description).build());
  }

  /**
   * @return the code a function in {@code scope} deploys: {@code code} itself, unless {@code scope} is in a component stack
   *     and {@code code} is a local asset, which CDK binds to one stack only; then the same file as this stack's asset (one
   *     per file and stack; the file's content decides the asset's hash, so all stacks share one upload). An asset's
   *     options other than its path (bundling, exclusions, a hash of your own) are not carried over: CDK does not expose
   *     them; {@link LambdaBundle#in} sets none
   */
  static Code codeIn(IConstruct scope, Code code) {
    if (Stack.of(scope) instanceof ComponentStack stack && code instanceof AssetCode asset) {
      return stack.codes.computeIfAbsent(asset.getPath(), Code::fromAsset);
    }
    return code;
  }

  /**
   * @param topic the topic they notify, the backend's
   * @return the alarms of what this stack deploys
   */
  Alarms alarms(ITopic topic) {
    if (alarms == null) {
      alarms = new Alarms(this, "Alarms", AlarmsProps.builder().topic(topic).build());
    }
    return alarms;
  }
}
