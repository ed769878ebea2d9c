package dev.sourced.runtime.lambda;

import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.process.CommandBuses;
import dev.sourced.runtime.process.Deadlines;
import dev.sourced.runtime.process.SchedulerDeadlines;
import dev.sourced.runtime.process.ProcessManagerEngine;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.SnapshotStore;
import dev.sourced.spi.ProcessManagerDefinition;
import dev.sourced.spi.SourcedApplication;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds what generated process manager Lambdas run, from the configuration. */
public final class ProcessManagers {
  private ProcessManagers() {}

  /**
   * @param app the generated registry
   * @param codecs its codecs
   * @param name the process manager's name
   * @param config where its resources are: the event table, its state table ({@code SOURCED_PROJECTION_TABLE}), the
   *     snapshot table when an aggregate it commands snapshots, and its deadlines' schedule group, role and queue
   * @return its engine on DynamoDB
   */
  public static ProcessManagerEngine<?> engine(SourcedApplication app, JsonCodecs codecs, String name, SourcedConfig config) {
    return create(app, codecs, definition(app, name), config);
  }

  private static <S> ProcessManagerEngine<S> create(SourcedApplication app, JsonCodecs codecs, ProcessManagerDefinition<S> definition,
      SourcedConfig config) {
    DynamoDbClient dynamoDb = config.dynamoDbClient();
    DynamoDbEventStore events = DynamoDbEventStore.builder().dynamoDbClient(dynamoDb).tableName(config.requireEventTable()).build();
    ProjectionTable table = new ProjectionTable(dynamoDb, SourcedConfig.require(config.projectionTable(), SourcedConfig.PROJECTION_TABLE));
    SnapshotStore snapshots = config.snapshotTable() == null ? null : new SnapshotStore(dynamoDb, config.snapshotTable());
    CommandBuses buses = CommandBuses.of(app, codecs, events, snapshots, config.idempotencyTtl(), definition.sends());
    if (config.prime()) {
      Priming.bestEffort(() -> table.checkpoint(definition.name() + "#" + Priming.ID));
      Priming.bestEffort(() -> events.read(definition.name() + "#" + Priming.ID, 0));
    }
    Deadlines deadlines = config.scheduleGroup() == null ? Deadlines.NONE : schedulerDeadlines(config);
    return new ProcessManagerEngine<>(app, codecs, definition, definition.dispatcher(), events, table, buses, deadlines, config.log());
  }

  /**
   * The scheduler client is built when a step first sets a deadline, unless the function primes: then at
   * initialization, so that SnapStart's snapshot holds it.
   */
  private static SchedulerDeadlines schedulerDeadlines(SourcedConfig config) {
    SchedulerDeadlines deadlines = new SchedulerDeadlines(config::schedulerClient, config.scheduleGroup(),
        SourcedConfig.require(config.deadlineQueue(), SourcedConfig.DEADLINE_QUEUE),
        SourcedConfig.require(config.schedulerRole(), SourcedConfig.SCHEDULER_ROLE));
    if (config.prime()) {
      deadlines.client();
    }
    return deadlines;
  }

  /** @return the process manager of that name */
  public static ProcessManagerDefinition<?> definition(SourcedApplication app, String name) {
    return app.processManager(name)
        .orElseThrow(() -> new IllegalArgumentException(app.name() + " has no process manager '" + name + "'"));
  }
}
