package dev.sourced.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/** {@link SourcedBackend}, synthesized once for a small deployment with default props, checked with CDK assertions and cdk-nag. */
class SourcedBackendTest {
  static Stack stack;
  static Template template;
  static Stack canary;

  @BeforeAll
  static void synth() throws Exception {
    Path bundle = Files.createTempDirectory("bundle");
    Files.writeString(bundle.resolve("app-lambda.jar"), "not a real jar");
    App app = new App();
    stack = new Stack(app, "Test");
    // a cart that snapshots (commands POST /cart/{cartId}/open) and a projection summary v1 (GET /summary/{cartId})
    new SourcedBackend(stack, "Shop", SourcedBackendProps.builder().deployment(Shop.deployment(true, 1))
        .code(Code.fromAsset(bundle.resolve("app-lambda.jar").toString())).build());
    // a canary: a queue without a DLQ or TLS enforcement that cdk-nag must report, so the check below can fail
    canary = new Stack(app, "Canary");
    software.amazon.awscdk.services.sqs.Queue.Builder.create(canary, "Plain").build();
    Aspects.of(app).add(new AwsSolutionsChecks());
    template = Template.fromStack(stack);
  }

  @Test
  void cdkNagFindsNothingUnsuppressed() {
    var errors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    var warnings = Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    assertThat(errors).extracting(m -> m.getId() + ": " + m.getEntry().getData()).as("cdk-nag errors").isEmpty();
    assertThat(warnings).extracting(m -> m.getId() + ": " + m.getEntry().getData()).as("cdk-nag warnings").isEmpty();
    assertThat(Annotations.fromStack(canary).findError("*", Match.stringLikeRegexp("AwsSolutions-SQS.*"))).isNotEmpty();
  }

  /** @return the actions one function's policy allows, by statement id */
  @SuppressWarnings("unchecked")
  static Map<String, Object> statements(String functionPath) {
    Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::ManagedPolicy");
    Map<String, Object> bySid = new java.util.TreeMap<>();
    policies.forEach((id, policy) -> {
      if (id.startsWith(functionPath)) {
        var document = (Map<String, Object>) ((Map<String, Object>) policy.get("Properties")).get("PolicyDocument");
        for (var statement : (List<Map<String, Object>>) document.get("Statement")) {
          bySid.put((String) statement.get("Sid"), statement.get("Action"));
        }
      }
    });
    return bySid;
  }

  @Test
  @SuppressWarnings("unchecked")
  void appendsAreLimitedToTheAggregatesOwnPartitionKeys() {
    Object condition = null;
    for (var policy : template.findResources("AWS::IAM::ManagedPolicy").entrySet()) {
      if (policy.getKey().startsWith("ShopCommandsCart")) {
        var document = (Map<String, Object>) ((Map<String, Object>) policy.getValue().get("Properties")).get("PolicyDocument");
        for (var statement : (List<Map<String, Object>>) document.get("Statement")) {
          if ("AppendEvents".equals(statement.get("Sid"))) {
            condition = statement.get("Condition");
          }
        }
      }
    }
    assertThat(condition).isEqualTo(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys",
        List.of("cart#*", "idempotency#cart#*", "unique#cart#*", "unique-owner#cart#*"))));
  }

  @Test
  void everyFunctionHasExactlyItsOwnPermissions() {
    assertThat(statements("ShopCommandsCart")).isEqualTo(Map.of(
        "WriteOwnLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
        "AppendEvents", List.of("dynamodb:Query", "dynamodb:PutItem"),
        "ReadWriteSnapshots", List.of("dynamodb:GetItem", "dynamodb:PutItem")));
    assertThat(statements("ShopPublisher")).isEqualTo(Map.of(
        "WriteOwnLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
        "ReadEventStream", List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"),
        "ListStreams", "dynamodb:ListStreams",
        "PutEventsOnBus", "events:PutEvents",
        "SendGivenUpRecords", "sqs:SendMessage"));
    assertThat(statements("ShopProjectionSummaryProjection")).isEqualTo(Map.of(
        "WriteOwnLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
        "ReadEventsToFillGaps", "dynamodb:Query",
        "ReadWriteOwnTable", List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
        "ConsumeOwnQueue", List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"),
        "ConsumeOwnReplayQueue", List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")));
    assertThat(statements("ShopProjectionSummaryReplayReader")).isEqualTo(Map.of(
        "WriteOwnLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
        "ReadEventStore", List.of("dynamodb:Scan", "dynamodb:Query"),
        "SendToReplayQueue", List.of("sqs:SendMessage", "sqs:GetQueueAttributes"),
        "WatchReplayDeadLetters", "sqs:GetQueueAttributes",
        "RecordReplayStatus", List.of("dynamodb:GetItem", "dynamodb:UpdateItem"),
        "SkipAppliedEvents", "dynamodb:BatchGetItem"));
    assertThat(statements("ShopProjectionSummaryReplayPolicy")).isEqualTo(Map.of("InvokeReplayFunction", "lambda:InvokeFunction"));
    assertThat(statements("ShopQueriesSummary")).isEqualTo(Map.of(
        "WriteOwnLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
        "ReadOwnTable", List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Scan")));
    // no inline policies but the state machine's log delivery and tracing (CDK's) and the deploy-time starter's
    // (CDK's custom resource); no AWS-managed policies but the custom resource's provider's
    assertThat(template.findResources("AWS::IAM::Policy").keySet())
        .allMatch(id -> id.startsWith("ShopProjectionSummaryReplayRoleDefaultPolicy") || id.startsWith("ShopProjectionSummaryReplayStartOnDeploy"));
    assertThat(template.findResources("AWS::IAM::Role", Match.objectLike(Map.of("Properties", Map.of("ManagedPolicyArns", Match.anyValue())))))
        .hasSize(1).allSatisfy((id, role) -> assertThat(id).startsWith("AWS679f53fac002430cb0da5b7982bd2287"));
  }

  @Test
  void queryFunctionReadsOnlyItsProjectionTable() {
    Capture table = new Capture();
    template.hasResourceProperties("AWS::IAM::ManagedPolicy", Match.objectLike(Map.of("PolicyDocument", Map.of("Statement",
        Match.arrayWith(List.of(Match.objectLike(Map.of("Sid", "ReadOwnTable", "Resource", table))))))));
    assertThat(table.asObject().toString()).contains("ShopProjectionSummaryTable");
  }

  @Test
  void functionsRunJava25WithSnapStartBehindAnAlias() {
    template.resourcePropertiesCountIs("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Runtime", "java25",
        "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
        "MemorySize", 1024,
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))))), 5);
    // behind the API: below its 30 s limit; the publisher and projection: a sixth of their queue's visibility; the replay reader 5 min
    template.resourcePropertiesCountIs("AWS::Lambda::Function", Match.objectLike(Map.of("Timeout", 10)), 2);
    template.resourcePropertiesCountIs("AWS::Lambda::Function", Match.objectLike(Map.of("Timeout", 30)), 2);
    template.resourcePropertiesCountIs("AWS::Lambda::Function", Match.objectLike(Map.of("Timeout", 300)), 1);
    template.resourceCountIs("AWS::Lambda::Alias", 5);
    template.allResourcesProperties("AWS::Lambda::Alias", Map.of("Name", "live"));
    template.allResourcesProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 30)));
  }

  @Test
  void publisherMappingBisectsRetriesAndSendsFailuresToAQueue() {
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
        "BisectBatchOnFunctionError", true,
        "MaximumRetryAttempts", 10,
        "MaximumRecordAgeInSeconds", 21600,
        "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
        "StartingPosition", "TRIM_HORIZON",
        "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Match.anyValue())))));
  }

  @Test
  void projectionPipeline() {
    template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
        "EventPattern", Map.of("source", List.of("shop"), "detail-type", List.of("CartOpened", "ItemAdded")),
        "Targets", List.of(Match.objectLike(Map.of(
            "DeadLetterConfig", Match.objectLike(Map.of("Arn", Match.anyValue())),
            "RetryPolicy", Map.of("MaximumRetryAttempts", 185, "MaximumEventAgeInSeconds", 86400)))))));
    template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
        "VisibilityTimeout", 180,
        "SqsManagedSseEnabled", true,
        "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 5)))));
    // the projection function consumes its live queue and its replay queue alike: 10 messages a batch, at once (a replay
    // message carries up to 500 events)
    template.resourcePropertiesCountIs("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
        "BatchSize", 10, "MaximumBatchingWindowInSeconds", Match.absent(), "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
        "ScalingConfig", Map.of("MaximumConcurrency", 5))), 2);
    // every queue refuses plain HTTP: the publisher's failures, the projection's queue, replay queue and their DLQs
    template.resourceCountIs("AWS::SQS::QueuePolicy", 5);
  }

  @Test
  void httpApiIsIamAuthorizedThrottledAndLogged() {
    template.allResourcesProperties("AWS::ApiGatewayV2::Route", Match.objectLike(Map.of("AuthorizationType", "AWS_IAM")));
    template.resourceCountIs("AWS::ApiGatewayV2::Route", 2);
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of(
        "StageName", "$default",
        "DefaultRouteSettings", Match.objectLike(Map.of("ThrottlingRateLimit", 100, "ThrottlingBurstLimit", 200)),
        "AccessLogSettings", Match.objectLike(Map.of("DestinationArn", Match.anyValue())))));
  }

  @Test
  void everyDeadLetterQueueHasAnAlarmPublishingToTheTopic() {
    template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "MetricName", "ApproximateNumberOfMessagesVisible", "Threshold", 1)), 3);
    template.allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("ShopDeadLettersTopic.*"))))));
  }

  @Test
  void alarmsWatchBacklogsFailuresAndTheApi() {
    // 3 dead-letter queues, 1 projection queue's age, the publisher's iterator age, the API's 5xx, 5 functions × (errors,
    // throttles), the replay's failed executions
    template.resourceCountIs("AWS::CloudWatch::Alarm", 17);
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "MetricName", "ExecutionsFailed", "Namespace", "AWS/States", "Threshold", 1)));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "MetricName", "ApproximateAgeOfOldestMessage", "Threshold", 300, "Statistic", "Maximum")));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "MetricName", "IteratorAge", "Threshold", 3600, "Statistic", "Maximum")));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "MetricName", "5xx", "Namespace", "AWS/ApiGateway", "Threshold", 1)));
    template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("MetricName", "Errors", "Statistic", "Sum")), 5);
    template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("MetricName", "Throttles", "Statistic", "Sum")), 5);
  }

  @Test
  void cloudWatchOfThisAccountMayPublishToTheAlarmTopic() {
    template.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of("PolicyDocument", Match.objectLike(Map.of(
        "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Sid", "CloudWatchAlarmsPublish", "Effect", "Allow", "Action", "sns:Publish",
            "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
            "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))))))))))));
  }

  @Test
  void retainedTablesAreProtectedFromDeletion() {
    template.allResourcesProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of("DeletionProtectionEnabled", true)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void replayWorkflowRunsTheDescriptionsDefinitionLoggedAndTraced() throws Exception {
    Map<String, Map<String, Object>> machines = template.findResources("AWS::StepFunctions::StateMachine");
    assertThat(machines).hasSize(1);
    Map<String, Object> properties = (Map<String, Object>) machines.values().iterator().next().get("Properties");
    // the description's definition, as it is: its placeholder filled by CloudFormation with the reader's alias
    String definition = properties.get("DefinitionString").toString();
    assertThat(definition).contains("${ReplayFunction}").contains("\"ReadSegments\"").contains("\"ItemsPath\": \"$.replay.segments\"");
    assertThat((Map<String, Object>) properties.get("DefinitionSubstitutions")).containsOnlyKeys("ReplayFunction");
    assertThat(properties.get("DefinitionSubstitutions").toString()).contains("ShopProjectionSummaryReplayReaderLive");
    assertThat(properties.get("TracingConfiguration")).isEqualTo(Map.of("Enabled", true));
    assertThat(properties.get("LoggingConfiguration").toString()).contains("Level=ALL", "IncludeExecutionData=true");
    assertThat(properties.get("StateMachineType")).isEqualTo("STANDARD");
    // started by a deployment that creates it or changes the version it rebuilds
    Map<String, Map<String, Object>> starters = template.findResources("Custom::AWS");
    assertThat(starters).hasSize(1);
    Map<String, Object> starter = (Map<String, Object>) starters.values().iterator().next().get("Properties");
    assertThat(starter.get("Create").toString()).contains("startExecution", "\\\"trigger\\\":\\\"deploy\\\"", "\\\"version\\\":1");
    assertThat(starter.get("Update")).isEqualTo(starter.get("Create"));
    // the starter may do what the description grants it: start this state machine, nothing else
    template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Map.of("Statement", List.of(
        Match.objectLike(Map.of("Sid", "StartReplay", "Action", "states:StartExecution",
            "Resource", Map.of("Ref", Match.stringLikeRegexp("ShopProjectionSummaryReplayStateMachine.*"))))),
        "Version", "2012-10-17"))));
    // its ARN is an output, to start it by hand
    assertThat(template.findOutputs("*").keySet()).anyMatch(id -> id.startsWith("ShopProjectionSummaryReplayArn"));
  }

  @Test
  void aNewVersionGetsItsOwnTableAndKeepsThePreviousOnesForQueries() {
    Template v2 = Template.fromStack(stackOf(2));
    // version 1's table keeps its construct id (so an update keeps its data); version 2's is new
    assertThat(v2.findResources("AWS::DynamoDB::Table").keySet()).anyMatch(id -> id.startsWith("ShopProjectionSummaryTable"))
        .anyMatch(id -> id.startsWith("ShopProjectionSummaryTableV2"));
    Capture previous = new Capture();
    v2.hasResourceProperties("AWS::IAM::ManagedPolicy", Match.objectLike(Map.of("PolicyDocument", Map.of("Statement",
        Match.arrayWith(List.of(Match.objectLike(Map.of("Sid", "ReadPreviousTable", "Resource", previous))))))));
    assertThat(previous.asObject().toString()).contains("ShopProjectionSummaryTable").doesNotContain("TableV2");
    assertThat(v2.findResources("Custom::AWS").toString()).contains("\\\"version\\\":2");
  }

  private static Stack stackOf(int version) {
    try {
      Path bundle = Files.createTempDirectory("bundle");
      Files.writeString(bundle.resolve("app-lambda.jar"), "not a real jar");
      Stack other = new Stack(new App(), "V" + version);
      new SourcedBackend(other, "Shop", SourcedBackendProps.builder().deployment(Shop.deployment(true, version))
          .code(Code.fromAsset(bundle.resolve("app-lambda.jar").toString())).build());
      return other;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void eventTable() {
    template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
        "KeySchema", List.of(Map.of("AttributeName", "streamId", "KeyType", "HASH"), Map.of("AttributeName", "version", "KeyType", "RANGE")),
        "StreamSpecification", Map.of("StreamViewType", "NEW_IMAGE"),
        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
        "BillingMode", "PAY_PER_REQUEST"));
  }
}
