package dev.sourced.cdk;

import dev.sourced.runtime.topology.Topology;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
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
  private final FunctionSettings settings;
  private final EventStore store;
  private final EventBus bus;
  private final EventPublisher publisher;
  private final SourcedHttpApi api;
  private final DeadLetterAlarms alarms;
  private final RemovalPolicy projectionRemovalPolicy;
  private final Map<String, ProjectionPipeline> projections = new LinkedHashMap<>();
  private final Map<String, SourcedFunction> httpFunctions = new LinkedHashMap<>();

  /** Settings of the {@link SourcedBackend}. */
  public static final class Props {
    private Topology topology;
    private FunctionSettings functions;
    private SourcedHttpApi.Props api = SourcedHttpApi.Props.builder().build();
    private RemovalPolicy dataRemovalPolicy = RemovalPolicy.RETAIN;

    public static Props builder() {
      return new Props();
    }

    /** @param topology the app's names, patterns and queue settings ({@code Topology.of(SourcedApp.INSTANCE)}); required */
    public Props topology(Topology topology) {
      this.topology = topology;
      return this;
    }

    /** @param functions the bundle and sizing of every function; required */
    public Props functions(FunctionSettings functions) {
      this.functions = functions;
      return this;
    }

    /** @param api authorization and throttling; default IAM authorization, 100 requests/s */
    public Props api(SourcedHttpApi.Props api) {
      this.api = api;
      return this;
    }

    /** @param policy what deleting the stack does to the tables; default {@link RemovalPolicy#RETAIN} */
    public Props dataRemovalPolicy(RemovalPolicy policy) {
      this.dataRemovalPolicy = policy;
      return this;
    }

    public Props build() {
      Objects.requireNonNull(topology, "topology is required");
      Objects.requireNonNull(functions, "functions is required");
      return this;
    }
  }

  public SourcedBackend(Construct scope, String id, Props props) {
    super(scope, id);
    props.build();
    this.topology = props.topology;
    this.settings = props.functions;
    this.projectionRemovalPolicy = props.dataRemovalPolicy;
    this.store = new EventStore(this, "EventStore", EventStore.Props.builder().snapshots(topology.snapshotTable() != null)
        .removalPolicy(props.dataRemovalPolicy).build());
    this.bus = EventBus.Builder.create(this, "Bus").description("Events of " + topology.app()).build();
    this.publisher = new EventPublisher(this, "Publisher", topology.app(), store, bus, settings);
    Nag.suppress(publisher.function().policy(), "AwsSolutions-IAM5",
        "dynamodb:ListStreams has no resource-level permissions; the stream itself is named in ReadEventStream", "Resource::*");
    this.api = new SourcedHttpApi(this, "Http", props.api);
    this.alarms = new DeadLetterAlarms(this, "DeadLetters");
    alarms.watch("PublisherFailuresAlarm", publisher.failures(), "the publisher");
    Nag.suppress(publisher.failures(), "AwsSolutions-SQS3",
        "this queue is itself the on-failure destination of the publisher's stream mapping");
    Nag.suppress(alarms.topic(), "AwsSolutions-SNS2",
        "alarm notifications carry no application data; CloudWatch cannot publish to a topic under the AWS-managed SNS key, "
            + "and a customer-managed key would cost money while the app is idle");
    new CfnOutput(this, "ApiUrl", software.amazon.awscdk.CfnOutputProps.builder().value(api.url())
        .description("The HTTP API (IAM-authorized unless a JWT issuer is set)").build());
  }

  /** Declares an aggregate's command function. */
  public SourcedFunction commands(String aggregate, String handler) {
    CommandFunction function = new CommandFunction(this, id("Commands", aggregate), store, handler, settings);
    httpFunctions.put(aggregate + "-commands", function.function());
    return function.function();
  }

  /** Declares a projection's pipeline and function. */
  public ProjectionPipeline projection(String projection, String handler) {
    ProjectionPipeline pipeline = new ProjectionPipeline(this, id("Projection", projection), topology.app(), topology.projection(projection),
        store, bus, handler, settings, projectionRemovalPolicy);
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
    QueryFunction function = new QueryFunction(this, id("Queries", projection), pipeline.table(), handler, settings);
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
