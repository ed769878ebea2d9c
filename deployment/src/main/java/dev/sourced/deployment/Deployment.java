package dev.sourced.deployment;

import dev.sourced.spi.Settings;
import dev.sourced.spi.SourcedApplication;
import dev.sourced.spi.TableKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Everything an application deploys, computed once from its {@link AppOutline}: the one description
 * the CDK stack, the local cloud and the least-privilege check read. Immutable.
 *
 * @param app the application's name (the EventBridge source of its events, the prefix of its resources' names)
 * @param eventBus the EventBridge bus's logical name
 * @param tables every table: events, snapshots (when an aggregate snapshots), per projection its current version's
 *     (and, from version 2 on, the previous version's, kept to answer queries while the current one replays), per
 *     process manager its state table
 * @param queues every queue: per projection its queue and dead-letter queue, its replay queue and replay dead-letter
 *     queue; per process manager its queue and dead-letter queue; and the publisher's failure queue
 * @param rules one EventBridge rule per projection and per process manager
 * @param functions every function: per aggregate its commands, per projection its projection function (and
 *     queries when it answers any) and its replay reader, per process manager its function, and the publisher
 * @param routes every HTTP route, sorted by path then method
 * @param workflows per projection its replay workflow (a state machine)
 * @param scheduleGroups per process manager with deadlines its schedule group and scheduler role
 */
public record Deployment(String app, String eventBus, List<TableSpec> tables, List<QueueSpec> queues, List<RuleSpec> rules,
    List<FunctionSpec> functions, List<RouteSpec> routes, List<WorkflowSpec> workflows, List<ScheduleGroupSpec> scheduleGroups) {

  /** Receives before a message goes to its projection's dead-letter queue. */
  public static final int MAX_RECEIVE_COUNT = 5;
  /** Messages per projection function invocation. */
  public static final int PROJECTION_BATCH_SIZE = 10;
  /**
   * Messages per projection function invocation from its replay queue: a replay message carries up to 500 events, of
   * as many streams as fit, so a batch applies up to 5,000.
   */
  public static final int REPLAY_BATCH_SIZE = 10;
  /** How long a received projection message stays invisible, with the default options: six times the projection function's timeout. */
  public static final Duration VISIBILITY_TIMEOUT = DeploymentOptions.DEFAULTS.visibilityTimeout();
  /** Visibility timeout of dead-letter and failure queues, which no function consumes: SQS's default. */
  public static final Duration DEAD_LETTER_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
  /** How long an undelivered message is kept. */
  public static final Duration RETENTION = Duration.ofDays(4);
  /** How long dead-letter and failure queues keep messages: SQS's maximum. */
  public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);
  /** Stream records per publisher invocation. */
  public static final int PUBLISHER_BATCH_SIZE = 100;
  /** Retries of a publisher batch (each from its first unpublished record) before its records go to the failure queue. */
  public static final int PUBLISHER_MAX_RETRIES = 10;
  /** Stream records older than this are not published but sent to the failure queue. */
  public static final Duration PUBLISHER_MAX_RECORD_AGE = Duration.ofHours(6);
  /** How long one replay read may run: it reads pages until a third of this is left, then says where to go on. */
  public static final Duration REPLAY_READER_TIMEOUT = Duration.ofMinutes(5);
  /** Retries of a rule's delivery to its queue (EventBridge's maximum). */
  public static final int RULE_RETRY_ATTEMPTS = 185;
  /** How long a rule retries delivery to its queue. */
  public static final Duration RULE_MAX_EVENT_AGE = Duration.ofHours(24);

  public Deployment {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(eventBus, "eventBus");
    tables = List.copyOf(tables);
    queues = List.copyOf(queues);
    rules = List.copyOf(rules);
    functions = List.copyOf(functions);
    routes = List.copyOf(routes);
    workflows = List.copyOf(workflows);
    scheduleGroups = List.copyOf(scheduleGroups);
  }

  /** @return the deployment of a generated registry */
  public static Deployment of(SourcedApplication app) {
    return of(AppOutline.of(app));
  }

  /** @return the deployment of an application, with the {@link DeploymentOptions#DEFAULTS default} sizing */
  public static Deployment of(AppOutline app) {
    return of(app, DeploymentOptions.DEFAULTS);
  }

  /** @return the deployment of an application, sized by {@code options} */
  public static Deployment of(AppOutline app, DeploymentOptions options) {
    return new Layout(app, options).deployment();
  }

  /** @return the deployment of a generated registry, sized by {@code options} */
  public static Deployment of(SourcedApplication app, DeploymentOptions options) {
    return of(AppOutline.of(app), options);
  }

  // ------------------------------------------------------------------ lookups

  /** @return the event store table */
  public TableSpec eventTable() {
    return only(tables, t -> t.role() == TableSpec.Role.EVENTS, "event table");
  }

  /** @return the snapshot table, if an aggregate snapshots */
  public Optional<TableSpec> snapshotTable() {
    return tables.stream().filter(t -> t.role() == TableSpec.Role.SNAPSHOTS).findFirst();
  }

  /** @return the table of a name */
  public TableSpec table(String name) {
    return only(tables, t -> t.name().equals(name), "table '" + name + "'");
  }

  /** @return the queue of a name */
  public QueueSpec queue(String name) {
    return only(queues, q -> q.name().equals(name), "queue '" + name + "'");
  }

  /** @return the publisher's failure queue */
  public QueueSpec publisherFailures() {
    return only(queues, q -> q.role() == QueueSpec.Role.PUBLISHER_FAILURES, "publisher failure queue");
  }

  /** @return the function of a name */
  public FunctionSpec function(String name) {
    return only(functions, f -> f.name().equals(name), "function '" + name + "'");
  }

  /** @return the functions of a kind, in order */
  public List<FunctionSpec> functions(FunctionSpec.Kind kind) {
    return functions.stream().filter(f -> f.kind() == kind).toList();
  }

  /** @return the publisher function */
  public FunctionSpec publisher() {
    return only(functions, f -> f.kind() == FunctionSpec.Kind.PUBLISHER, "publisher");
  }

  /** @return the names of the projections, in order */
  public List<String> projections() {
    return functions(FunctionSpec.Kind.PROJECTION).stream().map(FunctionSpec::owner).toList();
  }

  /** @return the workflow of a name */
  public WorkflowSpec workflow(String name) {
    return only(workflows, w -> w.name().equals(name), "workflow '" + name + "'");
  }

  /** @return a projection's resources */
  public Pipeline pipeline(String projection) {
    FunctionSpec function = only(functions, f -> f.kind() == FunctionSpec.Kind.PROJECTION && f.owner().equals(projection),
        "projection '" + projection + "'");
    List<Trigger.Queue> triggers = function.triggers(Trigger.Queue.class);
    QueueSpec queueSpec = queue(triggers.get(0).queue());
    QueueSpec replayQueue = queue(triggers.get(1).queue());
    return new Pipeline(projection,
        only(tables, t -> t.role() == TableSpec.Role.PROJECTION && projection.equals(t.owner()), "table of " + projection),
        tables.stream().filter(t -> t.role() == TableSpec.Role.PREVIOUS_PROJECTION && projection.equals(t.owner())).findFirst()
            .orElse(null),
        queueSpec, queue(queueSpec.deadLetterQueue()),
        only(rules, r -> r.targetQueue().equals(queueSpec.name()), "rule of " + projection), function,
        replayQueue, queue(replayQueue.deadLetterQueue()),
        only(functions, f -> f.kind() == FunctionSpec.Kind.REPLAY && projection.equals(f.owner()), "replay function of " + projection),
        only(workflows, w -> projection.equals(w.owner()), "replay workflow of " + projection));
  }

  /** @return the names of the process managers, in order */
  public List<String> processManagers() {
    return functions(FunctionSpec.Kind.PROCESS_MANAGER).stream().map(FunctionSpec::owner).toList();
  }

  /** @return a process manager's resources */
  public Process process(String processManager) {
    FunctionSpec function = only(functions, f -> f.kind() == FunctionSpec.Kind.PROCESS_MANAGER && f.owner().equals(processManager),
        "process manager '" + processManager + "'");
    QueueSpec queueSpec = queue(function.triggers(Trigger.Queue.class).get(0).queue());
    return new Process(processManager,
        only(tables, t -> t.role() == TableSpec.Role.PROCESS_STATE && processManager.equals(t.owner()), "table of " + processManager),
        queueSpec, queue(queueSpec.deadLetterQueue()),
        only(rules, r -> r.targetQueue().equals(queueSpec.name()), "rule of " + processManager), function,
        scheduleGroups.stream().filter(g -> g.owner().equals(processManager)).findFirst().orElse(null));
  }

  /** @return every process manager's resources, in order */
  public List<Process> processes() {
    return processManagers().stream().map(this::process).toList();
  }

  /**
   * One process manager's delivery path: rule → queue (→ dead-letter queue) → function → state table; the function
   * appends to the event store, and schedules its deadlines in its group, which sends them to its queue.
   *
   * @param processManager its name
   * @param table its state table
   * @param queue its queue
   * @param deadLetterQueue its queue's (and its rule target's) dead-letter queue
   * @param rule its rule
   * @param function its function
   * @param scheduleGroup its deadlines' schedule group; null when it has no deadline handler
   */
  public record Process(String processManager, TableSpec table, QueueSpec queue, QueueSpec deadLetterQueue, RuleSpec rule,
      FunctionSpec function, ScheduleGroupSpec scheduleGroup) {}

  /** @return every projection's resources, in order */
  public List<Pipeline> pipelines() {
    return projections().stream().map(this::pipeline).toList();
  }

  /**
   * One projection's delivery path: rule → queue (→ dead-letter queue) → function → table.
   *
   * @param projection the projection's name
   * @param table its table (versioned: a new version gets a new table)
   * @param previousTable the previous version's table, kept to answer queries until {@code table} is ready; null
   *     for version 1
   * @param queue its queue
   * @param deadLetterQueue its queue's (and its rule target's) dead-letter queue
   * @param rule its rule
   * @param function its function, which consumes {@code queue} and {@code replayQueue}
   * @param replayQueue the queue its replay reader sends the event store's events to
   * @param replayDeadLetterQueue the replay queue's dead-letter queue
   * @param replayFunction its replay reader
   * @param replay its replay workflow
   */
  public record Pipeline(String projection, TableSpec table, TableSpec previousTable, QueueSpec queue, QueueSpec deadLetterQueue,
      RuleSpec rule, FunctionSpec function, QueueSpec replayQueue, QueueSpec replayDeadLetterQueue, FunctionSpec replayFunction,
      WorkflowSpec replay) {}

  private <T> T only(List<T> items, Predicate<T> match, String what) {
    return items.stream().filter(match).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + what + " in the deployment of " + app));
  }

  // ------------------------------------------------------------------ the computation

  /** Names, settings and permissions of one application's resources. */
  private static final class Layout {
    private final AppOutline app;
    private final DeploymentOptions options;
    private final String prefix;
    private final TableSpec events;
    private final TableSpec snapshots;
    private final String bus;
    private final QueueSpec failures;
    private final List<TableSpec> tables = new ArrayList<>();
    private final List<QueueSpec> queues = new ArrayList<>();
    private final List<RuleSpec> rules = new ArrayList<>();
    private final List<FunctionSpec> functions = new ArrayList<>();
    private final List<RouteSpec> routes = new ArrayList<>();
    private final List<WorkflowSpec> workflows = new ArrayList<>();
    private final List<ScheduleGroupSpec> scheduleGroups = new ArrayList<>();

    Layout(AppOutline app, DeploymentOptions options) {
      this.app = app;
      this.options = options;
      this.prefix = app.name();
      this.events = TableSpec.events(prefix + "-events");
      boolean snapshotting = app.aggregates().stream().anyMatch(AppOutline.Aggregate::snapshots);
      this.snapshots = snapshotting ? TableSpec.snapshots(prefix + "-snapshots") : null;
      this.bus = prefix + "-bus";
      this.failures = new QueueSpec(prefix + "-publisher-failures", QueueSpec.Role.PUBLISHER_FAILURES, null, DEAD_LETTER_VISIBILITY_TIMEOUT,
          DEAD_LETTER_RETENTION, null, 0);
    }

    Deployment deployment() {
      tables.add(events);
      if (snapshots != null) {
        tables.add(snapshots);
      }
      app.aggregates().forEach(this::aggregate);
      app.projections().forEach(this::projection);
      app.processManagers().forEach(this::processManager);
      publisher();
      routes.sort(Comparator.comparing(RouteSpec::path).thenComparing(RouteSpec::method));
      return new Deployment(app.name(), bus, tables, queues, rules, functions, routes, workflows, scheduleGroups);
    }

    private void aggregate(AppOutline.Aggregate aggregate) {
      if (aggregate.routes().isEmpty()) {
        return; // only process managers send its commands, in their own functions: no HTTP function would ever run
      }
      String name = aggregate.name() + "-commands";
      Environment environment = new Environment().name(Settings.EVENT_TABLE, events.resource());
      List<Grant> grants = logs(name);
      // its own streams only: the partition keys of its aggregate's streams, idempotency records and unique values
      List<String> keys = keysOf(aggregate.name());
      grants.add(new Grant("AppendEvents", List.of("dynamodb:Query", "dynamodb:PutItem"), events.resource(), keys));
      if (aggregate.releasesUniqueValues()) {
        // a move or release deletes the old value's reservation (and a release the stream's record of it), in the
        // append's transaction, which IAM authorizes per item action
        grants.add(new Grant("ReleaseUniqueValues", List.of("dynamodb:DeleteItem"), events.resource(), keys));
      }
      if (snapshots != null) {
        environment.name(Settings.SNAPSHOT_TABLE, snapshots.resource());
        grants.add(new Grant("ReadWriteSnapshots", List.of("dynamodb:GetItem", "dynamodb:PutItem"), snapshots.resource(),
            List.of(aggregate.name() + "#*")));
      }
      functions.add(function(name, FunctionSpec.Kind.COMMANDS,
          HandlerNames.handlerClass(aggregate.packageName(), HandlerNames.commands(aggregate.simpleNames())), aggregate.name(),
          environment, grants, new Trigger.Http()));
      aggregate.routes().forEach(route -> routes.add(new RouteSpec(route.method(), route.path(), name)));
    }

    private void projection(AppOutline.Projection projection) {
      String base = prefix + "-" + projection.name();
      TableSpec table = TableSpec.projection(base + "-v" + projection.version(), projection.name(), projection.version());
      TableSpec previous = projection.version() > 1
          ? TableSpec.previousProjection(base + "-v" + (projection.version() - 1), projection.name(), projection.version() - 1)
          : null;
      QueueSpec deadLetters = new QueueSpec(base + "-dlq", QueueSpec.Role.DEAD_LETTER, projection.name(), DEAD_LETTER_VISIBILITY_TIMEOUT,
          DEAD_LETTER_RETENTION, null, 0);
      QueueSpec queue = new QueueSpec(base, QueueSpec.Role.PROJECTION, projection.name(), options.visibilityTimeout(), RETENTION,
          deadLetters.name(), MAX_RECEIVE_COUNT);
      QueueSpec replayDeadLetters = new QueueSpec(base + "-replay-dlq", QueueSpec.Role.REPLAY_DEAD_LETTER, projection.name(),
          DEAD_LETTER_VISIBILITY_TIMEOUT, DEAD_LETTER_RETENTION, null, 0);
      QueueSpec replayQueue = new QueueSpec(base + "-replay", QueueSpec.Role.REPLAY, projection.name(), options.visibilityTimeout(),
          RETENTION, replayDeadLetters.name(), MAX_RECEIVE_COUNT);
      tables.add(table);
      if (previous != null) {
        tables.add(previous);
      }
      queues.add(queue);
      queues.add(deadLetters);
      queues.add(replayQueue);
      queues.add(replayDeadLetters);
      rules.add(new RuleSpec(base, projection.name(), bus, List.of(app.name()), projection.eventNames(), queue.name(), deadLetters.name(),
          RULE_RETRY_ATTEMPTS, RULE_MAX_EVENT_AGE));

      String name = projection.name() + "-projection";
      List<Grant> grants = logs(name);
      grants.add(new Grant("ReadEventsToFillGaps", List.of("dynamodb:Query"), events.resource()));
      grants.add(new Grant("ReadWriteOwnTable",
          List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
          table.resource()));
      grants.add(new Grant("ConsumeOwnQueue", List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"),
          queue.resource()));
      grants.add(new Grant("ConsumeOwnReplayQueue", List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"),
          replayQueue.resource()));
      functions.add(function(name, FunctionSpec.Kind.PROJECTION,
          HandlerNames.handlerClass(projection.packageName(), HandlerNames.projection(projection.simpleNames())), projection.name(),
          new Environment().name(Settings.EVENT_TABLE, events.resource())
              .name(Settings.PROJECTION_TABLE, table.resource()),
          grants, new Trigger.Queue(queue.name(), PROJECTION_BATCH_SIZE, options.projectionMaxConcurrency()),
          new Trigger.Queue(replayQueue.name(), REPLAY_BATCH_SIZE, options.projectionMaxConcurrency())));

      if (!projection.queryRoutes().isEmpty()) {
        String queries = projection.name() + "-queries";
        List<Grant> queryGrants = logs(queries);
        // BatchGetItem: a large view's parts after its first item
        queryGrants.add(new Grant("ReadOwnTable", List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Scan"),
            table.resource()));
        Environment environment = new Environment().name(Settings.PROJECTION_TABLE, table.resource())
            .literal(Settings.PROJECTION_VERSION, Integer.toString(projection.version()));
        if (previous != null) {
          queryGrants.add(new Grant("ReadPreviousTable", List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Scan"),
              previous.resource()));
          environment.name(Settings.PREVIOUS_PROJECTION_TABLE, previous.resource());
        }
        functions.add(function(queries, FunctionSpec.Kind.QUERIES,
            HandlerNames.handlerClass(projection.packageName(), HandlerNames.queries(projection.simpleNames())), projection.name(),
            environment, queryGrants, new Trigger.Http()));
        projection.queryRoutes().forEach(route -> routes.add(new RouteSpec(route.method(), route.path(), queries)));
      }

      String workflow = projection.name() + "-replay";
      String reader = projection.name() + "-replay-reader";
      List<Grant> readerGrants = logs(reader);
      readerGrants.add(new Grant("ReadEventStore", List.of("dynamodb:Scan", "dynamodb:Query"), events.resource()));
      readerGrants.add(new Grant("SendToReplayQueue", List.of("sqs:SendMessage", "sqs:GetQueueAttributes"), replayQueue.resource()));
      readerGrants.add(new Grant("WatchReplayDeadLetters", List.of("sqs:GetQueueAttributes"), replayDeadLetters.resource()));
      readerGrants.add(new Grant("RecordReplayStatus", List.of("dynamodb:GetItem", "dynamodb:UpdateItem"), table.resource()));
      readerGrants.add(new Grant("SkipAppliedEvents", List.of("dynamodb:BatchGetItem"), table.resource()));
      functions.add(function(reader, FunctionSpec.Kind.REPLAY, HandlerNames.REPLAY, projection.name(),
          new Environment().literal(Settings.PROJECTION, projection.name())
              .name(Settings.EVENT_TABLE, events.resource())
              .name(Settings.PROJECTION_TABLE, table.resource())
              .name(Settings.REPLAY_QUEUE, replayQueue.resource())
              .name(Settings.REPLAY_DEAD_LETTER_QUEUE, replayDeadLetters.resource()),
          readerGrants, new Trigger.Workflow(workflow)));
      workflows.add(WorkflowSpec.replay(workflow, projection.name(), reader));
    }

    /**
     * @return the partition keys an aggregate's commands write in the events table ({@code dynamodb:LeadingKeys}): its
     *     streams ({@code <aggregate>#<id>}), their idempotency records and their unique values' items
     */
    static List<String> keysOf(String aggregate) {
      List<String> keys = new ArrayList<>();
      keys.add(aggregate + "#*");
      TableKeys.EVENTS_RECORD_PREFIXES.forEach(prefix -> keys.add(prefix + aggregate + "#*"));
      return List.copyOf(keys);
    }

    private void processManager(AppOutline.ProcessManager processManager) {
      String base = prefix + "-" + processManager.name();
      TableSpec table = TableSpec.processState(base + "-state", processManager.name());
      QueueSpec deadLetters = new QueueSpec(base + "-dlq", QueueSpec.Role.DEAD_LETTER, processManager.name(),
          DEAD_LETTER_VISIBILITY_TIMEOUT, DEAD_LETTER_RETENTION, null, 0);
      QueueSpec queue = new QueueSpec(base, QueueSpec.Role.PROCESS_MANAGER, processManager.name(), options.visibilityTimeout(),
          RETENTION, deadLetters.name(), MAX_RECEIVE_COUNT);
      tables.add(table);
      queues.add(queue);
      queues.add(deadLetters);
      rules.add(new RuleSpec(base, processManager.name(), bus, List.of(app.name()), processManager.eventNames(), queue.name(),
          deadLetters.name(), RULE_RETRY_ATTEMPTS, RULE_MAX_EVENT_AGE));
      String name = processManager.name() + "-process";
      List<Grant> grants = logs(name);
      Environment environment = new Environment().name(Settings.EVENT_TABLE, events.resource())
          .name(Settings.PROJECTION_TABLE, table.resource());
      // it reads any stream (its events' streams, to fill gaps, and its targets' streams, to decide commands), and appends
      // to its targets' streams only: the aggregates handling the commands it sends
      grants.add(new Grant("ReadEvents", List.of("dynamodb:Query"), events.resource()));
      List<AppOutline.Aggregate> targets = app.aggregates().stream().filter(a -> processManager.targets().contains(a.name())).toList();
      List<String> keys = targets.stream().flatMap(a -> keysOf(a.name()).stream()).toList();
      grants.add(new Grant("AppendEvents", List.of("dynamodb:PutItem"), events.resource(), keys));
      List<String> releasing = targets.stream().filter(AppOutline.Aggregate::releasesUniqueValues)
          .flatMap(a -> keysOf(a.name()).stream()).toList();
      if (!releasing.isEmpty()) {
        grants.add(new Grant("ReleaseUniqueValues", List.of("dynamodb:DeleteItem"), events.resource(), releasing));
      }
      List<String> snapshotting = targets.stream().filter(AppOutline.Aggregate::snapshots).map(a -> a.name() + "#*").toList();
      if (!snapshotting.isEmpty()) {
        environment.name(Settings.SNAPSHOT_TABLE, snapshots.resource());
        grants.add(new Grant("ReadWriteSnapshots", List.of("dynamodb:GetItem", "dynamodb:PutItem"), snapshots.resource(),
            snapshotting));
      }
      // DescribeTable: the table's creation time is when the process manager started; older events are history.
      // ConditionCheckItem: a step claims its instance on the condition that it did not change
      grants.add(new Grant("ReadWriteOwnTable", List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem",
          "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"), table.resource()));
      grants.add(new Grant("ConsumeOwnQueue", List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"),
          queue.resource()));
      if (!processManager.deadlines().isEmpty()) {
        ScheduleGroupSpec group = new ScheduleGroupSpec(scheduleGroupName(base), processManager.name(), processManager.name() + "-scheduler",
            queue.name(), List.of(new Grant("SendDeadlines", List.of("sqs:SendMessage"), queue.resource())));
        scheduleGroups.add(group);
        environment.name(Settings.SCHEDULE_GROUP, group.resource()).name(Settings.SCHEDULER_ROLE, Resource.role(group.role()))
            .arn(Settings.DEADLINE_QUEUE, queue.resource());
        grants.add(new Grant("ScheduleDeadlines", List.of("scheduler:CreateSchedule"), group.resource()));
        grants.add(Grant.passRole("PassSchedulerRole", Resource.role(group.role()), ScheduleGroupSpec.SERVICE));
      }
      functions.add(function(name, FunctionSpec.Kind.PROCESS_MANAGER,
          HandlerNames.handlerClass(processManager.packageName(), HandlerNames.processManager(processManager.simpleNames())),
          processManager.name(), environment, grants,
          new Trigger.Queue(queue.name(), PROJECTION_BATCH_SIZE, options.projectionMaxConcurrency())));
    }

    /** EventBridge Scheduler group names have at most 64 characters. */
    private static String scheduleGroupName(String base) {
      if (base.length() <= 64) {
        return base;
      }
      return base.substring(0, 55) + "-" + Integer.toHexString(base.hashCode() & 0x7fffffff);
    }

    private void publisher() {
      queues.add(failures);
      List<Grant> grants = logs("publisher");
      grants.add(new Grant("ReadEventStream", List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"),
          Resource.streamOf(events.name())));
      // ListStreams has no resource-level permissions
      grants.add(new Grant("ListStreams", List.of("dynamodb:ListStreams"), Resource.ANY));
      grants.add(new Grant("PutEventsOnBus", List.of("events:PutEvents"), Resource.bus(bus)));
      grants.add(new Grant("SendGivenUpRecords", List.of("sqs:SendMessage"), failures.resource()));
      functions.add(function("publisher", FunctionSpec.Kind.PUBLISHER, HandlerNames.PUBLISHER, null,
          new Environment().literal(Settings.APP, app.name()).name(Settings.EVENT_BUS, Resource.bus(bus)),
          grants, new Trigger.Stream(events.name(), PUBLISHER_BATCH_SIZE, PUBLISHER_MAX_RETRIES, PUBLISHER_MAX_RECORD_AGE,
              failures.name())));
    }

    /** Every function writes to its own log group (Lambda does, with the function's role). */
    private static List<Grant> logs(String function) {
      List<Grant> grants = new ArrayList<>();
      grants.add(new Grant("WriteOwnLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"), Resource.logGroupOf(function)));
      return grants;
    }

    private FunctionSpec function(String name, FunctionSpec.Kind kind, String handler, String owner, Environment environment,
        List<Grant> grants, Trigger... triggers) {
      Duration timeout = triggers[0] instanceof Trigger.Http ? options.apiTimeout()
          : triggers[0] instanceof Trigger.Workflow ? REPLAY_READER_TIMEOUT : options.eventTimeout();
      return new FunctionSpec(name, kind, handler, owner, options.memoryMb(), timeout, environment.settings, grants, List.of(triggers));
    }
  }

  /** A function's environment, built up. */
  private static final class Environment {
    private final Map<String, Setting> settings = new TreeMap<>();

    Environment name(String variable, Resource resource) {
      settings.put(variable, new Setting.NameOf(resource));
      return this;
    }

    Environment arn(String variable, Resource resource) {
      settings.put(variable, new Setting.ArnOf(resource));
      return this;
    }

    Environment literal(String variable, String value) {
      settings.put(variable, new Setting.Literal(value));
      return this;
    }
  }

  /**
   * @return the value of a function's setting resolved by a cloud: resource names and ARNs as that cloud gives them
   */
  public static String resolve(Setting setting, Function<Resource, String> names, Function<Resource, String> arns) {
    if (setting instanceof Setting.NameOf name) {
      return names.apply(name.resource());
    }
    if (setting instanceof Setting.ArnOf arn) {
      return arns.apply(arn.resource());
    }
    return ((Setting.Literal) setting).value();
  }
}
