package dev.sourced.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * CloudFormation's limit of 500 resources per stack, checked when the app is synthesized (before CDK's own check, whose
 * message says nothing of what to do), with what to do about it.
 */
final class ResourceLimit {
  /** CloudFormation's maximum number of resources in one stack. */
  static final int MAX = 500;
  /** From this many resources in one stack, synthesis warns that the app will soon need nested stacks. */
  static final int FILLING = 400;

  /**
   * @param errors what refuses the backend: each stack over the limit, with what to do
   * @param warnings what synthesis should warn of: one stack that fills up
   */
  record Findings(List<String> errors, List<String> warnings) {}

  private ResourceLimit() {}

  /**
   * @return an error for each stack of the backend, its own and the nested ones, with more resources than the limit, and a
   *     warning when the app, in one stack, is close to it
   */
  static Findings check(SourcedBackend backend, StackLayout layout) {
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    counts(Stack.of(backend)).forEach((stack, count) -> {
      if (layout == StackLayout.ONE_STACK && count >= FILLING && count < MAX && !NestedStack.isNestedStack(stack)) {
        warnings.add("Stack " + stack.getNode().getPath() + " has " + count + " of the " + MAX + " resources CloudFormation takes in"
            + " one stack: the app will soon need nested stacks. Switching to layout nested keeps every"
            + " table, and is simplest before the limit (docs/deploy.md, \"Nested stacks\").");
      }
      // the CDK CLI has synthesis add a CDKMetadata resource to a stack that is not nested, after this count
      if (count <= (!NestedStack.isNestedStack(stack) ? MAX - 1 : MAX)) {
        return;
      }
      String counted = "Stack " + stack.getNode().getPath() + " has " + count + " resources; CloudFormation takes at most " + MAX
          + " in one stack" + (NestedStack.isNestedStack(stack) ? "" : ", one of them CDK's metadata") + ". ";
      if (stack instanceof ComponentStack) {
        errors.add(counted + "It is the nested stack of one component: split the component (fewer routes or handlers).");
      } else if (layout == StackLayout.ONE_STACK) {
        errors.add(counted + "Deploy with nested stacks: <sourced.synth.stackLayout>nested</sourced.synth.stackLayout> in the"
            + " pom's properties (the Maven plugin's stackLayout; or SourcedStack.backendProps(app)….stackLayout(StackLayout.NESTED) in a CDK app of your own). Each aggregate,"
            + " projection and process manager then deploys in a nested stack of its own, and the tables keep their data"
            + " (docs/deploy.md, \"Nested stacks\").");
      } else if (layout == StackLayout.NESTED) {
        errors.add(counted + "The parent keeps 2 resources per HTTP route (and 1 per function they invoke) in layout nested:"
            + " layout nested-with-routes puts them in the nested stacks, but a deployed app cannot move its routes in one deployment (docs/deploy.md, \"Nested"
            + " stacks\").");
      } else {
        errors.add(counted + "With nested stacks the parent keeps 21 shared resources, 1 per aggregate, 2 per projection"
            + " (3 while it replays into a new version) and 9 to 12 per process manager: split the application into"
            + " several (docs/deploy.md, \"Nested stacks\").");
      }
    });
    return new Findings(errors, warnings);
  }

  /** @return the resources of each stack in {@code root}'s tree, the root's first */
  static Map<Stack, Integer> counts(Stack root) {
    Map<Stack, Integer> counts = new LinkedHashMap<>();
    counts.put(root, 0);
    for (IConstruct construct : root.getNode().findAll()) {
      if (CfnResource.isCfnResource(construct)) {
        counts.merge(Stack.of(construct), 1, Integer::sum);
      }
    }
    return counts;
  }
}
