package dev.sourced.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.deployment.Deployment;
import dev.sourced.deployment.TableSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.Topic;

/**
 * Each construct on its own, in its own stack, built from its props the way a user composing them
 * by hand would: defaults, non-default props, and props that are refused. Synthesized once.
 */
class ConstructsTest {
  static Path bundle;
  static Template defaultStore;
  static Template customStore;
  static Template publisher;
  static Template pipeline;
  static Template jwtApi;
  static Template alarms;

  @BeforeAll
  static void synth() throws Exception {
    bundle = Files.createTempDirectory("bundle").resolve("app-lambda.jar");
    Files.writeString(bundle, "not a real jar");
    App app = new App();

    Stack defaultStoreStack = stack(app, "DefaultStore", s -> new EventStore(s, "Store"));
    Stack customStoreStack = stack(app, "CustomStore", s -> new EventStore(s, "Store",
        EventStoreProps.builder().snapshots(TableSpec.snapshots("shop-snapshots")).removalPolicy(RemovalPolicy.DESTROY).build()));

    Deployment shop = Shop.deployment(false, 2);
    Stack publisherStack = stack(app, "Publisher", s -> new EventPublisher(s, "Publisher", EventPublisherProps.builder()
        .code(code()).memorySize(2048).timeout(Duration.seconds(10)).logRetention(RetentionDays.ONE_WEEK).runtime(Runtime.JAVA_21)
        .function(shop.publisher()).failures(shop.publisherFailures()).resources(storeAndBus(s, shop))
        .build()));

    Stack pipelineStack = stack(app, "Pipeline", s -> new ProjectionPipeline(s, "Summary", ProjectionPipelineProps.builder()
        .code(code()).snapStart(false).pipeline(shop.pipeline("summary")).resources(storeAndBus(s, shop))
        .build()));

    Stack jwtApiStack = stack(app, "JwtApi", s -> {
      SourcedHttpApi api = new SourcedHttpApi(s, "Http", SourcedHttpApiProps.builder()
          .jwtIssuer("https://auth.example.com/").jwtAudience(List.of("shop-api")).rateLimit(5).burstLimit(10).build());
      CommandFunction commands = new CommandFunction(s, "Commands", SourcedFunctionProps.builder()
          .code(code()).function(shop.function("cart-commands")).resources(storeAndBus(s, shop)).build());
      api.route("POST", "/cart/{cartId}/open", commands.function().alias(), "OpenCart");
    });

    Stack alarmsStack = stack(app, "Alarms", s -> {
      Topic onCall = Topic.Builder.create(s, "OnCall").enforceSsl(true).build();
      Alarms watch = new Alarms(s, "DeadLetters", AlarmsProps.builder().topic(onCall).build());
      watch.deadLetters("Dlq", Queues.of(s, "Dlq", shop.publisherFailures(), null), "a test queue");
    });
    // synthesize only after every stack is built: an App synthesizes once
    defaultStore = Template.fromStack(defaultStoreStack);
    customStore = Template.fromStack(customStoreStack);
    publisher = Template.fromStack(publisherStack);
    pipeline = Template.fromStack(pipelineStack);
    jwtApi = Template.fromStack(jwtApiStack);
    alarms = Template.fromStack(alarmsStack);
  }

  /** @return the resources functions name besides their own: an event store and a bus, registered under the deployment's names */
  static DeployedResources storeAndBus(Stack stack, Deployment deployment) {
    return new DeployedResources().table(deployment.eventTable().name(), new EventStore(stack, "Store").events())
        .bus(deployment.eventBus(), EventBus.Builder.create(stack, "Bus").build());
  }

  /** @return the bundle as an asset; CDK wants one per stack */
  static Code code() {
    return Code.fromAsset(bundle.toString());
  }

  static Stack stack(App app, String id, Consumer<Stack> body) {
    Stack stack = new Stack(app, id);
    body.accept(stack);
    return stack;
  }

  @Test
  void eventStoreDefaultsToOneRetainedTable() {
    defaultStore.resourceCountIs("AWS::DynamoDB::Table", 1);
    defaultStore.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain",
        "Properties", Match.objectLike(Map.of(
            "StreamSpecification", Map.of("StreamViewType", "NEW_IMAGE"),
            "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true)))));
  }

  @Test
  void eventStoreWithSnapshotsAndDestroy() {
    customStore.resourceCountIs("AWS::DynamoDB::Table", 2);
    customStore.allResources("AWS::DynamoDB::Table", Match.objectLike(Map.of("DeletionPolicy", "Delete")));
    // a table deleted with the stack is not protected from deletion (the stack's deletion would fail)
    customStore.allResourcesProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of("DeletionProtectionEnabled", false)));
    customStore.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
        "KeySchema", List.of(Map.of("AttributeName", "streamId", "KeyType", "HASH")))));
  }

  @Test
  void publisherTakesItsFunctionPropsAndReadsOnlyItsStream() {
    publisher.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Runtime", "java21", "MemorySize", 2048, "Timeout", 10,
        "Handler", EventPublisher.HANDLER + "::handleRequest",
        "Environment", Map.of("Variables", Match.objectLike(Map.of("SOURCED_APP", "shop", "SOURCED_EVENT_BUS", Match.anyValue()))))));
    publisher.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 7));
    Capture stream = new Capture();
    publisher.hasResourceProperties("AWS::IAM::ManagedPolicy", Match.objectLike(Map.of("PolicyDocument", Map.of("Statement",
        Match.arrayWith(List.of(Match.objectLike(Map.of("Sid", "ReadEventStream", "Resource", stream))))))));
    assertThat(stream.asObject().toString()).contains("StoreEvents").contains("StreamArn");
    publisher.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
        "BisectBatchOnFunctionError", true, "FunctionResponseTypes", List.of("ReportBatchItemFailures"))));
  }

  @Test
  void projectionPipelineFromItsDeploymentEntry() {
    pipeline.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
        "Description", "Events projection summary v2 consumes",
        "EventPattern", Map.of("source", List.of("shop"), "detail-type", List.of("CartOpened", "ItemAdded")))));
    pipeline.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Handler", "shop.SourcedLambdas$SummaryProjectionLambda::handleRequest", "MemorySize", 1024, "Timeout", 30, "Runtime", "java25",
        "SnapStart", Match.absent())));
    // the projection table (pk) is retained by default, like the event store
    pipeline.hasResource("AWS::DynamoDB::Table", Match.objectLike(Map.of("DeletionPolicy", "Retain",
        "Properties", Match.objectLike(Map.of("KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")))))));
    // its queue, replay queue and their dead-letter queues; the previous version's table, kept for queries
    pipeline.resourceCountIs("AWS::SQS::Queue", 4);
    pipeline.resourceCountIs("AWS::DynamoDB::Table", 2 + 1); // v2, v1 kept for queries, and the test's event store
    pipeline.resourceCountIs("AWS::StepFunctions::StateMachine", 1);
  }

  @Test
  void httpApiWithAJwtAuthorizer() {
    jwtApi.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Match.objectLike(Map.of(
        "AuthorizerType", "JWT",
        "JwtConfiguration", Map.of("Issuer", "https://auth.example.com/", "Audience", List.of("shop-api")))));
    jwtApi.hasResourceProperties("AWS::ApiGatewayV2::Route", Match.objectLike(Map.of(
        "RouteKey", "POST /cart/{cartId}/open", "AuthorizationType", "JWT")));
    jwtApi.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of(
        "DefaultRouteSettings", Match.objectLike(Map.of("ThrottlingRateLimit", 5, "ThrottlingBurstLimit", 10)))));
  }

  @Test
  void alarmsNotifyAGivenTopicWithoutCreatingOne() {
    alarms.resourceCountIs("AWS::SNS::Topic", 1);
    alarms.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("OnCall.*"))))));
  }

  @Test
  void propsRefuseWhatCannotWork() {
    Deployment shop = Shop.deployment(false, 1);
    assertThatThrownBy(() -> SourcedFunctionProps.builder().function(shop.function("cart-commands")).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageStartingWith("SourcedFunctionProps: code (the Lambda bundle");
    assertThatThrownBy(() -> SourcedFunctionProps.builder().code(code()).function(shop.function("summary-queries")).build())
        .hasMessage("SourcedFunctionProps: resources is required");
    assertThatThrownBy(() -> SourcedBackendProps.builder().code(code()).build())
        .hasMessageStartingWith("SourcedBackendProps: deployment");
    assertThatThrownBy(() -> SourcedHttpApiProps.builder().jwtIssuer("https://auth.example.com/").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jwtIssuer and jwtAudience go together");
    assertThatThrownBy(() -> SourcedBackendProps.builder().code(code()).deployment(shop).jwtAudience(List.of("shop-api")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jwtIssuer and jwtAudience go together");
  }
}
