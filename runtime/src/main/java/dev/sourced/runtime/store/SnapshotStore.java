package dev.sourced.runtime.store;

import dev.sourced.spi.TableKeys;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Aggregate snapshots on their own DynamoDB table: one item per stream (partition key {@code streamId})
 * with the {@code version} it was taken at, the state record's {@code schema} hash and its JSON
 * {@code data}. Writes only move forward ({@code version} grows) and are best-effort: a snapshot is an
 * optimisation, never a source of truth.
 */
public final class SnapshotStore {
  /**
   * A stored snapshot.
   *
   * @param streamId the stream
   * @param version the stream version it reflects
   * @param schema the state record's schema hash
   * @param data the state as JSON
   */
  public record Snapshot(String streamId, long version, String schema, String data) {}

  private final DynamoDbClient dynamoDb;
  private final String table;

  public SnapshotStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.table = Objects.requireNonNull(table, "table");
  }

  /** @return the latest snapshot of a stream, if any */
  public Optional<Snapshot> latest(String streamId) {
    GetItemResponse response = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
        .key(Map.of(TableKeys.SNAPSHOTS_PARTITION, AttributeValue.fromS(streamId))));
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item = response.item();
    return Optional.of(new Snapshot(streamId, Long.parseLong(item.get("version").n()), item.get("schema").s(),
        item.get("data").s()));
  }

  /**
   * Stores a snapshot unless a newer one is there.
   *
   * @return whether it was stored
   */
  public boolean save(Snapshot snapshot) {
    try {
      dynamoDb.putItem(r -> r.tableName(table)
          .item(Map.of(
              TableKeys.SNAPSHOTS_PARTITION, AttributeValue.fromS(snapshot.streamId()),
              "version", AttributeValue.fromN(Long.toString(snapshot.version())),
              "schema", AttributeValue.fromS(snapshot.schema()),
              "data", AttributeValue.fromS(snapshot.data())))
          .conditionExpression("attribute_not_exists(" + TableKeys.SNAPSHOTS_PARTITION + ") OR version < :v")
          .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(snapshot.version())))));
      return true;
    } catch (ConditionalCheckFailedException newer) {
      return false;
    } catch (SdkException e) {
      return false; // best-effort: the events are the truth, the next command may write one
    }
  }
}
