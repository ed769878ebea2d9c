package dev.sourced.runtime.topology;

import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.SourcedApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An application's resources and their settings.
 *
 * @param app the application's name (EventBridge source, resource name prefix)
 * @param eventTable the event store table's logical name
 * @param snapshotTable the snapshot table's logical name, or null when no aggregate snapshots
 * @param eventBus the EventBridge bus's logical name
 * @param publisherFailures the queue that receives stream records the publisher gave up on
 * @param projections one pipeline per projection
 */
public record Topology(String app, String eventTable, String snapshotTable, String eventBus, String publisherFailures,
    List<ProjectionPipeline> projections) {

  /** Receives before a message goes to its projection's dead-letter queue. */
  public static final int MAX_RECEIVE_COUNT = 5;
  /** Messages per projection Lambda invocation. */
  public static final int BATCH_SIZE = 10;
  /** How long a received message stays invisible: at least the projection function's timeout. */
  public static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(60);
  /** How long an undelivered message is kept (DLQs keep theirs for the maximum, 14 days). */
  public static final Duration RETENTION = Duration.ofDays(4);
  /** Stream records per publisher invocation. */
  public static final int PUBLISHER_BATCH_SIZE = 100;
  /**
   * Retries of a publisher batch (each from its first unpublished record) before its records go to
   * {@link #publisherFailures()}; projections fill such gaps from the event store on the stream's next event.
   */
  public static final int PUBLISHER_MAX_RETRIES = 10;
  /** Stream records older than this are not published but sent to {@link #publisherFailures()}. */
  public static final Duration PUBLISHER_MAX_RECORD_AGE = Duration.ofHours(6);

  public Topology {
    projections = List.copyOf(projections);
  }

  /**
   * One projection's delivery path: rule → queue (→ DLQ after {@link #MAX_RECEIVE_COUNT}) → function → table.
   *
   * @param name the projection's name
   * @param version its version
   * @param table its table's logical name (versioned: a new version gets a new table)
   * @param queue its queue's logical name
   * @param deadLetterQueue its DLQ's logical name
   * @param rule its EventBridge rule's logical name
   * @param eventNames the detail-types it consumes, sorted
   * @param rulePattern the EventBridge pattern, as JSON
   */
  public record ProjectionPipeline(String name, int version, String table, String queue, String deadLetterQueue, String rule,
      List<String> eventNames, String rulePattern) {
    public ProjectionPipeline {
      eventNames = List.copyOf(eventNames);
    }
  }

  /** @return the topology of an application */
  public static Topology of(SourcedApplication app) {
    String prefix = app.name();
    List<ProjectionPipeline> pipelines = new ArrayList<>();
    for (ProjectionDefinition<?> projection : app.projections()) {
      String base = prefix + "-" + projection.name();
      pipelines.add(new ProjectionPipeline(projection.name(), projection.version(), base + "-v" + projection.version(),
          base, base + "-dlq", base, projection.eventNames(), pattern(app.name(), projection.eventNames())));
    }
    boolean snapshots = app.aggregates().stream().anyMatch(a -> a.snapshotEvery() > 0 && a.snapshotType() != null);
    return new Topology(prefix, prefix + "-events", snapshots ? prefix + "-snapshots" : null, prefix + "-bus",
        prefix + "-publisher-failures", pipelines);
  }

  /** @return {@code {"source":[app],"detail-type":[names…]}} */
  static String pattern(String source, List<String> eventNames) {
    StringBuilder json = new StringBuilder("{\"source\":[\"").append(source).append("\"],\"detail-type\":[");
    for (int i = 0; i < eventNames.size(); i++) {
      json.append(i == 0 ? "" : ",").append('"').append(eventNames.get(i)).append('"');
    }
    return json.append("]}").toString();
  }

  /** @return the pipeline of a projection */
  public ProjectionPipeline projection(String name) {
    return projections.stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no projection '" + name + "' in " + app));
  }
}
