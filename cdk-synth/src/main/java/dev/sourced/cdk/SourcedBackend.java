package dev.sourced.cdk;

import dev.sourced.runtime.topology.Topology;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.services.events.EventBus;
import software.constructs.Construct;

/**
 * Everything a Sourced application deploys, from its {@link Topology}: the {@link EventStore}, the
 * bus, the {@link EventPublisher}, one {@link ProjectionPipeline} per projection, the
 * {@link SourcedHttpApi} with a {@link CommandFunction} per aggregate and a {@link QueryFunction} per
 * projection that answers queries, and {@link DeadLetterAlarms} on every DLQ. A generated
 * {@code <App>Stack} creates one and declares its functions and routes from the app model. Replay
 * resources (Step Functions, replay queues) will attach to the pipelines here.
 */
public final class SourcedBackend extends Construct {
  private final Topology topology;
  private final SourcedBackendProps props;
  private final EventStore store;
  private final EventBus bus;
  private final EventPublisher publisher;
  private final SourcedHttpApi api;
  private final DeadLetterAlarms alarms;
  private final Map<String, ProjectionPipeline> projections = new LinkedHashMap<>();
  private final Map<String, SourcedFunction> httpFunctions = new LinkedHashMap<>();

  public SourcedBackend(Construct scope, String id, SourcedBackendProps props) {
    super(scope, id);
    this.props = props;
    this.topology = props.getTopology();
    this.store = new EventStore(this, "EventStore", EventStoreProps.builder().snapshots(topology.snapshotTable() != null)
        .removalPolicy(props.getDataRemovalPolicy()).build());
    this.bus = EventBus.Builder.create(this, "Bus").description("Events of " + topology.app()).build();
    this.publisher = new EventPublisher(this, "Publisher", EventPublisherProps.builder().functionOptions(props)
        .app(topology.app()).eventStore(store).bus(bus).build());
    Nag.suppress(publisher.function().policy(), "AwsSolutions-IAM5",
        "dynamodb:ListStreams has no resource-level permissions; the stream itself is named in ReadEventStream", "Resource::*");
    this.api = new SourcedHttpApi(this, "Http", props.httpApiProps());
    this.alarms = new DeadLetterAlarms(this, "DeadLetters", DeadLetterAlarmsProps.builder().topic(props.getAlarmTopic()).build());
    alarms.watch("PublisherFailuresAlarm", publisher.failures(), "the publisher");
    Nag.suppress(publisher.failures(), "AwsSolutions-SQS3",
        "this queue is itself the on-failure destination of the publisher's stream mapping");
    new CfnOutput(this, "ApiUrl", CfnOutputProps.builder().value(api.url())
        .description("The HTTP API (IAM-authorized unless a JWT issuer is set)").build());
  }

  /** Declares an aggregate's command function. */
  public SourcedFunction commands(String aggregate, String handler) {
    CommandFunction function = new CommandFunction(this, id("Commands", aggregate), CommandFunctionProps.builder().functionOptions(props)
        .handler(handler).eventStore(store).build());
    httpFunctions.put(aggregate + "-commands", function.function());
    return function.function();
  }

  /** Declares a projection's pipeline and function. */
  public ProjectionPipeline projection(String projection, String handler) {
    ProjectionPipeline pipeline = new ProjectionPipeline(this, id("Projection", projection), ProjectionPipelineProps.builder()
        .functionOptions(props)
        .app(topology.app())
        .pipeline(topology.projection(projection))
        .handler(handler)
        .eventStore(store)
        .bus(bus)
        .removalPolicy(props.getDataRemovalPolicy())
        .build());
    projections.put(projection, pipeline);
    alarms.watch(id("Alarm", projection), pipeline.deadLetterQueue(), "projection " + projection);
    Nag.suppress(pipeline.deadLetterQueue(), "AwsSolutions-SQS3",
        "this queue is the dead-letter queue of projection " + projection + "'s queue and of its rule's target");
    return pipeline;
  }

  /** Declares a projection's query function; call {@link #projection} first. */
  public SourcedFunction queries(String projection, String handler) {
    ProjectionPipeline pipeline = projections.get(projection);
    if (pipeline == null) {
      throw new IllegalStateException("declare projection " + projection + " before its queries");
    }
    QueryFunction function = new QueryFunction(this, id("Queries", projection), QueryFunctionProps.builder().functionOptions(props)
        .handler(handler).projectionTable(pipeline.table()).build());
    httpFunctions.put(projection + "-queries", function.function());
    return function.function();
  }

  /** Routes {@code method path} to a function declared by {@link #commands} or {@link #queries}, by its app-model name. */
  public void route(String method, String path, String function) {
    SourcedFunction target = httpFunctions.get(function);
    if (target == null) {
      throw new IllegalArgumentException("no HTTP function '" + function + "'; declared: " + httpFunctions.keySet());
    }
    api.route(method, path, target.alias(), id(method, path));
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

  public DeadLetterAlarms alarms() {
    return alarms;
  }

  public Map<String, ProjectionPipeline> projections() {
    return Map.copyOf(projections);
  }
}
