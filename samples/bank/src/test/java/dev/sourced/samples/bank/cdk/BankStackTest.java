package dev.sourced.samples.bank.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sourced.cdk.SourcedStack;
import dev.sourced.samples.bank.SourcedApp;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/** The bank's stack, synthesized once: cdk-nag clean; the process manager's rule, queues, table and function are there. */
class BankStackTest {
  static SourcedStack stack;
  static Template template;

  @BeforeAll
  static void synth() throws Exception {
    Path bundle = Files.createTempDirectory("bundle").resolve("bank-lambda.jar");
    Files.writeString(bundle, "stand-in for the bundle");
    App app = new App();
    stack = new SourcedStack(app, "Bank", StackProps.builder().build(),
        SourcedStack.backendProps(SourcedApp.INSTANCE).code(Code.fromAsset(bundle.toString())).build());
    Aspects.of(app).add(new AwsSolutionsChecks());
    template = Template.fromStack(stack);
  }

  @Test
  void cdkNagAwsSolutionsFindsNothingUnsuppressed() {
    assertThat(Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))
        .extracting(m -> m.getId() + ": " + m.getEntry().getData()).isEmpty();
    assertThat(Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))
        .extracting(m -> m.getId() + ": " + m.getEntry().getData()).isEmpty();
  }

  @Test
  void theProcessManagerHasItsRuleQueueTableAndFunction_andInternalCommandsNoRoute() {
    template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("EventPattern", Map.of("source", List.of("bank"),
        "detail-type", List.of("CreditedForTransfer", "DebitedForTransfer", "TransferRefunded", "TransferRequested")))));
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Handler", "dev.sourced.samples.bank.transfers.SourcedLambdas$MoneyTransferProcessLambda::handleRequest")));
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
        "FunctionResponseTypes", List.of("ReportBatchItemFailures"))));
    // events, two projection tables, the process manager's state
    template.resourceCountIs("AWS::DynamoDB::Table", 4);
    // the public commands only: open, deposit, withdraw, close, request; and two queries
    template.resourceCountIs("AWS::ApiGatewayV2::Route", 7);
    assertThat(template.findResources("AWS::ApiGatewayV2::Route").toString()).doesNotContain("for-transfer")
        .doesNotContain("complete-transfer").doesNotContain("fail-transfer");
  }

  @Test
  void theSchedulerRole_mayOnlySendToTheProcessManagersQueue() {
    // only EventBridge Scheduler, and only for schedules of this account, may assume it
    template.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of("AssumeRolePolicyDocument", Match.objectLike(Map.of(
        "Statement", List.of(Match.objectLike(Map.of("Principal", Map.of("Service", "scheduler.amazonaws.com"),
            "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")))))))))));
    Map<String, Object> statement = Map.of("Sid", "SendDeadlines");
    Map<String, Object> document = Map.of("Statement", List.of(Match.objectLike(statement)));
    Map<String, Object> properties = Map.of("PolicyDocument", Match.objectLike(document));
    Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::ManagedPolicy",
        Match.objectLike(Map.of("Properties", Match.objectLike(properties))));
    assertThat(policies).hasSize(1);
    assertThat(policies.values().iterator().next().toString())
        .contains("Action=sqs:SendMessage").contains("ProcessManagerMoneyTransferQueue").doesNotContain("Action=sqs:ReceiveMessage");
  }

  @Test
  void theProcessManagerFunction_mayPassTheSchedulerRoleToEventBridgeSchedulerOnly() {
    Map<String, Object> statement = Map.of("Sid", "PassSchedulerRole", "Action", "iam:PassRole",
        "Condition", Map.of("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com")));
    Map<String, Object> properties = Map.of("PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
        Match.objectLike(statement))))));
    assertThat(template.findResources("AWS::IAM::ManagedPolicy", Match.objectLike(Map.of("Properties", Match.objectLike(properties)))))
        .hasSize(1);
    // and no policy passes a role without that condition
    template.findResources("AWS::IAM::ManagedPolicy").values().forEach(policy -> assertThat(policy.toString())
        .satisfiesAnyOf(text -> assertThat(text).doesNotContain("iam:PassRole"), text -> assertThat(text).contains("iam:PassedToService")));
  }
}
