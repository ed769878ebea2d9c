package dev.sourced.cdk;

import dev.sourced.deployment.Deployment;
import dev.sourced.deployment.FunctionSpec;
import dev.sourced.deployment.RouteSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.services.events.EventBus;
import software.constructs.Construct;

/**
 * Everything a Sourced application deploys, from its {@link Deployment}: the {@link EventStore}, the bus,
 * the {@link EventPublisher}, a {@link CommandFunction} per aggregate, a {@link ProjectionPipeline} per
 * projection with a {@link QueryFunction} when it answers queries, the {@link SourcedHttpApi} with the
 * description's routes, and {@link Alarms}: on every dead-letter queue, every projection queue's oldest message, the
 * publisher's iterator age, every function's errors and throttles, and the API's 5xx. It keeps no list of its own: names,
 * settings, key attributes, grants, triggers and routes all come from the description. Its {@link StackLayout} puts each
 * aggregate, projection and process manager in a {@link ComponentStack} of its own, or everything in the one stack; an
 * application too large for its layout's stacks is refused here, with what to do.
 */
public final class SourcedBackend extends Construct {
  /** The default quota of an account's routes and integrations per HTTP API, and of rules per event bus. */
  static final int DEFAULT_QUOTA = 300;

  private final Deployment deployment;
  private final DeployedResources resources = new DeployedResources();
  private final EventStore store;
  private final EventBus bus;
  private final EventPublisher publisher;
  private final SourcedHttpApi api;
  private final Alarms alarms;
  private final Map<String, ProjectionPipeline> projections = new LinkedHashMap<>();
  private final Map<String, SourcedFunction> functions = new LinkedHashMap<>();
  /** By function name: where its alarms and routes go, this backend or the function's nested stack. */
  private final Map<String, Construct> scopes = new LinkedHashMap<>();
  private final boolean nested;
  private final boolean nestedRoutes;

  public SourcedBackend(Construct scope, String id, SourcedBackendProps props) {
    super(scope, id);
    this.deployment = props.getDeployment();
    this.nested = props.getStackLayout().nested();
    this.nestedRoutes = props.getStackLayout() == StackLayout.NESTED_WITH_ROUTES;
    this.store = new EventStore(this, "EventStore", EventStoreProps.builder().events(deployment.eventTable())
        .snapshots(deployment.snapshotTable().orElse(null)).removalPolicy(props.getDataRemovalPolicy())
        .deletionProtection(props.getDataDeletionProtection()).build());
    resources.table(deployment.eventTable().name(), store.events());
    deployment.snapshotTable().ifPresent(snapshots -> resources.table(snapshots.name(), store.snapshots()));
    this.bus = EventBus.Builder.create(this, "Bus").description("Events of " + deployment.app()).build();
    resources.bus(deployment.eventBus(), bus);
    this.publisher = new EventPublisher(this, "Publisher", EventPublisherProps.builder().functionOptions(props)
        .function(deployment.publisher()).failures(deployment.publisherFailures()).resources(resources).build());
    functions.put(deployment.publisher().name(), publisher.function());
    Nag.suppress(publisher.function().policy(), "AwsSolutions-IAM5",
        "dynamodb:ListStreams has no resource-level permissions; the stream itself is named in ReadEventStream", "Resource::*");
    this.api = new SourcedHttpApi(this, "Http", props.httpApiProps());
    // the construct id predates the other alarms; kept so the topic, and who subscribed to it, survive updates
    this.alarms = new Alarms(this, "DeadLetters", AlarmsProps.builder().topic(props.getAlarmTopic()).build());
    alarms.deadLetters("PublisherFailuresAlarm", publisher.failures(), "the publisher");
    alarms.iteratorAge("PublisherIteratorAgeAlarm", publisher.function().function(), "The publisher");
    alarms.serverErrors("ApiServerErrorsAlarm", api.api());
    Nag.suppress(publisher.failures(), "AwsSolutions-SQS3",
        "this queue is itself the on-failure destination of the publisher's stream mapping");
    for (FunctionSpec function : deployment.functions()) {
      switch (function.kind()) {
        case COMMANDS -> {
          Construct where = nested ? new ComponentStack(this, id("Commands", function.owner()),
              "Sourced aggregate " + function.owner() + ": its command function") : this;
          scopes.put(function.name(), where);
          functions.put(function.name(), new CommandFunction(where, id("Commands", function.owner()),
              functionProps(props, function)).function());
        }
        case PROJECTION -> projection(props, deployment.pipeline(function.owner()));
        case QUERIES -> {
          // nested: with its projection's pipeline, which the description lists before it
          ProjectionPipeline pipeline = projections.get(function.owner());
          Construct where = !nested ? this : pipeline != null ? pipeline.parts() : new ComponentStack(this,
              id("Queries", function.owner()), "Sourced projection " + function.owner() + ": its query function");
          scopes.put(function.name(), where);
          functions.put(function.name(), new QueryFunction(where, id("Queries", function.owner()),
              functionProps(props, function)).function());
        }
        case PROCESS_MANAGER -> processManager(props, deployment.process(function.owner()));
        case PUBLISHER, REPLAY -> { } // the publisher above, the stack's first function; a replay reader with its projection
      }
    }
    functions.forEach((name, function) -> alarmsIn(scopes.getOrDefault(name, this))
        .errorsAndThrottles(id("Function", name), function.function(), "Function " + name));
    for (RouteSpec route : deployment.routes()) {
      Construct where = nestedRoutes ? scopes.getOrDefault(route.function(), this) : this;
      if (where == this) {
        api.route(route.method(), route.path(), function(route.function()).alias(), id(route.method(), route.path()));
      } else {
        api.route(where, route.method(), route.path(), function(route.function()).alias(), id(route.method(), route.path()));
      }
    }
    quotaWarnings();
    // checked here rather than in a validation (addValidation): walking the tree from that jsii callback crashed jsii's
    // kernel ("Malformed request", aws-cdk-lib 2.263)
    ResourceLimit.Findings limit = ResourceLimit.check(this, props.getStackLayout());
    if (!limit.errors().isEmpty()) {
      throw new IllegalStateException(String.join("\n", limit.errors()));
    }
    limit.warnings().forEach(warning -> Annotations.of(this).addWarningV2("sourced:one-stack-filling", warning));
    new CfnOutput(this, "ApiUrl", CfnOutputProps.builder().value(api.url())
        .description("The HTTP API (IAM-authorized unless a JWT issuer is set)").build());
  }

  private SourcedFunctionProps functionProps(SourcedBackendProps props, FunctionSpec function) {
    return SourcedFunctionProps.builder().functionOptions(props).function(function).resources(resources).build();
  }

  private void projection(SourcedBackendProps props, Deployment.Pipeline pipeline) {
    String projection = pipeline.projection();
    ProjectionPipeline construct = new ProjectionPipeline(this, id("Projection", projection), ProjectionPipelineProps.builder()
        .functionOptions(props)
        .pipeline(pipeline)
        .resources(resources)
        .removalPolicy(props.getDataRemovalPolicy())
        .deletionProtection(props.getDataDeletionProtection())
        .nestedStack(nested)
        .build());
    projections.put(projection, construct);
    functions.put(pipeline.function().name(), construct.function());
    functions.put(pipeline.replayFunction().name(), construct.replayFunction());
    scopes.put(pipeline.function().name(), construct.parts());
    scopes.put(pipeline.replayFunction().name(), construct.parts());
    Alarms alarms = alarmsIn(construct.parts());
    alarms.deadLetters(id("Alarm", projection), construct.deadLetterQueue(), "projection " + projection);
    alarms.deadLetters(id("ReplayAlarm", projection), construct.replayDeadLetterQueue(), "projection " + projection + "'s replay");
    alarms.failedExecutions(id("ReplayFailedAlarm", projection), construct.replay().stateMachine(), "projection " + projection + "'s replay");
    Nag.suppress(construct.replayDeadLetterQueue(), "AwsSolutions-SQS3",
        "this queue is the dead-letter queue of projection " + projection + "'s replay queue");
    alarms.oldestMessage(id("QueueAgeAlarm", projection), construct.queue(), "projection " + projection + "'s queue");
    Nag.suppress(construct.deadLetterQueue(), "AwsSolutions-SQS3",
        "this queue is the dead-letter queue of projection " + projection + "'s queue and of its rule's target");
  }

  private void processManager(SourcedBackendProps props, Deployment.Process process) {
    String name = process.processManager();
    ProcessManagerPipeline construct = new ProcessManagerPipeline(this, id("ProcessManager", name), ProcessManagerPipelineProps.builder()
        .functionOptions(props)
        .process(process)
        .resources(resources)
        .removalPolicy(props.getDataRemovalPolicy())
        .deletionProtection(props.getDataDeletionProtection())
        .nestedStack(nested)
        .build());
    functions.put(process.function().name(), construct.function());
    scopes.put(process.function().name(), construct.parts());
    alarms.deadLetters(id("Alarm", name), construct.deadLetterQueue(), "process manager " + name);
    alarms.oldestMessage(id("QueueAgeAlarm", name), construct.queue(), "process manager " + name + "'s queue");
    Nag.suppress(construct.deadLetterQueue(), "AwsSolutions-SQS3",
        "this queue is the dead-letter queue of process manager " + name + "'s queue and of its rule's target");
  }

  /**
   * Warns, at synthesis, where the app passes a default quota of the account that a deployment would fail on: API Gateway's
   * 300 routes (and 300 integrations) per HTTP API, EventBridge's 300 rules per event bus. Both can be raised in Service
   * Quotas; CloudFormation would otherwise stop the deployment halfway and roll it back.
   */
  private void quotaWarnings() {
    int routes = deployment.routes().size();
    if (routes > DEFAULT_QUOTA) {
      Annotations.of(api).addWarningV2("sourced:http-api-routes-quota", "The HTTP API has " + routes + " routes and as many"
          + " integrations; API Gateway's default quota is " + DEFAULT_QUOTA + " of each per API: raise both (Service Quotas,"
          + " Amazon API Gateway, \"Routes per API\" and \"Integrations per API\") before deploying");
    }
    int rules = deployment.rules().size();
    if (rules > DEFAULT_QUOTA) {
      Annotations.of(bus).addWarningV2("sourced:event-bus-rules-quota", "The event bus has " + rules + " rules (one per"
          + " projection and process manager); EventBridge's default quota is " + DEFAULT_QUOTA + " rules per event bus: raise"
          + " it (Service Quotas, Amazon EventBridge, \"Number of rules\") before deploying");
    }
  }

  /** @return the alarms of what {@code scope} deploys: this backend's, or those of its nested stack */
  private Alarms alarmsIn(Construct scope) {
    return scope instanceof ComponentStack stack ? stack.alarms(alarms.topic()) : alarms;
  }

  /** {@code ("Projection", "cart-summary")} → {@code ProjectionCartSummary}. */
  static String id(String prefix, String name) {
    StringBuilder id = new StringBuilder(prefix);
    boolean upper = true;
    for (char c : name.toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        id.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    return id.toString();
  }

  /** @return what this backend deploys */
  public Deployment deployment() {
    return deployment;
  }

  /** @return a function by its name in the deployment description, e.g. {@code cart-summary-queries} */
  public SourcedFunction function(String name) {
    SourcedFunction function = functions.get(name);
    if (function == null) {
      throw new IllegalArgumentException("no function '" + name + "'; functions: " + functions.keySet());
    }
    return function;
  }

  public EventStore eventStore() {
    return store;
  }

  public EventBus bus() {
    return bus;
  }

  public EventPublisher publisher() {
    return publisher;
  }

  public SourcedHttpApi api() {
    return api;
  }

  public Alarms alarms() {
    return alarms;
  }

  public Map<String, ProjectionPipeline> projections() {
    return Map.copyOf(projections);
  }
}
