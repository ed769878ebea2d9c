package dev.sourced.samples.bank.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sourced.cdk.FlatTemplate;
import dev.sourced.cdk.SourcedStack;
import dev.sourced.cdk.StackLayout;
import dev.sourced.local.testkit.AwsCalls;
import dev.sourced.local.testkit.DeployedPolicies;
import dev.sourced.local.testkit.LocalCloudExtension;
import dev.sourced.samples.bank.SourcedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The process manager's deployed policy allows every call it makes, and nothing it does not need: transfers that
 * complete and that are refunded run on the local cloud, {@link AwsCalls} records each call as the IAM action and
 * resource it needs, and {@link DeployedPolicies} checks them against the description's grants and the synthesized
 * stack's policies.
 */
class LeastPrivilegeTest {
  static {
    AwsCalls.start();
  }

  @RegisterExtension
  static final LocalCloudExtension cloud = LocalCloudExtension.forApp("bank");

  static Map<String, Object> template;
  /** The same app deployed with nested stacks, read as one template. */
  static Map<String, Object> nestedTemplate;
  /** Its parent stack's template alone, which has none of the functions but the publisher. */
  static Map<String, Object> nestedParent;

  @BeforeAll
  static void synth() throws Exception {
    Path bundle = Files.createTempDirectory("bundle").resolve("bank-lambda.jar");
    Files.writeString(bundle, "stand-in for the bundle");
    SourcedStack stack = new SourcedStack(new App(), "Bank", StackProps.builder().build(),
        SourcedStack.backendProps(SourcedApp.INSTANCE).code(Code.fromAsset(bundle.toString())).build());
    template = Template.fromStack(stack).toJSON();
    SourcedStack nested = new SourcedStack(new App(), "BankNested", StackProps.builder().build(),
        SourcedStack.backendProps(SourcedApp.INSTANCE).code(Code.fromAsset(bundle.toString())).stackLayout(StackLayout.NESTED).build());
    nestedTemplate = FlatTemplate.of(nested);
    nestedParent = Template.fromStack(nested).toJSON();
  }

  @Test
  void theProcessManagersCallsAreAllowed_andItsGrantsAreUsed() throws Exception {
    Set<AwsCalls.Call> calls;
    try {
      cloud.post("/account/lp-a/open-account", "{\"accountId\":\"lp-a\",\"number\":\"90000001\",\"owner\":\"ann\",\"overdraftLimit\":0}");
      cloud.post("/account/lp-a/deposit", "{\"accountId\":\"lp-a\",\"cents\":500}");
      cloud.post("/account/lp-b/open-account", "{\"accountId\":\"lp-b\",\"number\":\"90000002\",\"owner\":\"bob\",\"overdraftLimit\":0}");
      cloud.post("/account/lp-c/open-account", "{\"accountId\":\"lp-c\",\"number\":\"90000003\",\"owner\":\"cy\",\"overdraftLimit\":0}");
      cloud.post("/account/lp-c/close-account", "{\"accountId\":\"lp-c\"}");
      cloud.post("/transfer/lp-t1/request-transfer", "{\"transferId\":\"lp-t1\",\"fromAccount\":\"lp-a\",\"toAccount\":\"lp-b\",\"cents\":100}");
      cloud.post("/transfer/lp-t2/request-transfer", "{\"transferId\":\"lp-t2\",\"fromAccount\":\"lp-a\",\"toAccount\":\"lp-c\",\"cents\":100}");
      cloud.awaitProjection("transfers", "transfer#lp-t1", 2);
      cloud.awaitProjection("transfers", "transfer#lp-t2", 2);
      cloud.awaitProjection("money-transfer", "account#lp-a", 4); // debit, debit, refund
      Thread.sleep(Duration.ofMillis(300).toMillis());
    } finally {
      calls = AwsCalls.stop();
    }
    DeployedPolicies policies = DeployedPolicies.of(cloud.cloud().deployment());

    assertThat(policies.differencesFrom(template)).as("deployed policies that grant otherwise than the description").isEmpty();
    assertThat(policies.differencesFrom(nestedTemplate)).as("the same, deployed with nested stacks").isEmpty();
    assertThat(policies.routeDifferencesFrom(template)).as("routes of template").isEmpty();
    assertThat(policies.routeDifferencesFrom(nestedTemplate)).as("routes of nestedTemplate").isEmpty();
    assertThat(policies.differencesFrom(nestedParent)).as("the nested stacks' parent alone: the flat template is what finds them")
        .containsKey("money-transfer-process").doesNotContainKey("publisher");
    assertThat(policies.denied(calls)).as("calls the deployed policies would deny (AccessDenied in AWS)").isEmpty();
    assertThat(calls).extracting(AwsCalls.Call::function).contains("money-transfer-process");
    assertThat(policies.unused(calls).get("money-transfer-process")).as("the process manager's unused permissions")
        // DeleteItem: an ended instance whose state was never stored; BatchGetItem is used. GetQueueAttributes: Lambda's
        // queue mapping reads it, the local poller does not
        .isSubsetOf(Set.of("dynamodb:DeleteItem", "sqs:GetQueueAttributes"));
  }
}
