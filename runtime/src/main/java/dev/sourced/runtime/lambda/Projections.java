package dev.sourced.runtime.lambda;

import dev.sourced.runtime.projection.ProjectionEngine;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.SourcedApplication;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds what generated projection and query Lambdas run, from the configuration. */
public final class Projections {
  private Projections() {}

  /**
   * @return the engine of a projection on DynamoDB as configured
   */
  public static ProjectionEngine<?> engine(SourcedApplication app, JsonCodecs codecs, String projectionName, SourcedConfig config) {
    DynamoDbClient dynamoDb = config.dynamoDbClient();
    ProjectionDefinition<?> projection = definition(app, projectionName);
    return create(app, codecs, projection, dynamoDb, config);
  }

  private static <V> ProjectionEngine<V> create(SourcedApplication app, JsonCodecs codecs, ProjectionDefinition<V> projection,
      DynamoDbClient dynamoDb, SourcedConfig config) {
    DynamoDbEventStore events = DynamoDbEventStore.builder().dynamoDbClient(dynamoDb).tableName(config.requireEventTable()).build();
    ProjectionTable table = new ProjectionTable(dynamoDb, SourcedConfig.require(config.projectionTable(), SourcedConfig.PROJECTION_TABLE));
    if (config.prime()) {
      // the reads a batch starts with, of a stream that is never written (see SOURCED_PRIME)
      Priming.bestEffort(() -> table.checkpoint(projection.name() + "#" + Priming.ID));
      Priming.bestEffort(() -> events.read(projection.name() + "#" + Priming.ID, 0));
    }
    return new ProjectionEngine<>(app, codecs, projection, projection.dispatcher(), events, table, config.log());
  }

  /** @return the projection of that name */
  public static ProjectionDefinition<?> definition(SourcedApplication app, String projectionName) {
    return app.projection(projectionName)
        .orElseThrow(() -> new IllegalArgumentException(app.name() + " has no projection '" + projectionName + "'"));
  }
}
