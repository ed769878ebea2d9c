package dev.sourced.runtime.store;

import dev.sourced.spi.TableKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The event table's keys (spelled once, in {@link TableKeys}, which the deployment description declares the table with). */
public final class EventTableSchema {
  public static final String PARTITION_KEY = TableKeys.EVENTS_PARTITION;
  public static final String SORT_KEY = TableKeys.EVENTS_SORT;
  public static final String TTL_ATTRIBUTE = TableKeys.EVENTS_TIME_TO_LIVE;

  private EventTableSchema() {}

  /**
   * @param tableName the table
   * @return the request that creates it: on-demand, stream with new images
   */
  public static CreateTableRequest createTableRequest(String tableName) {
    return CreateTableRequest.builder()
        .tableName(tableName)
        .attributeDefinitions(
            AttributeDefinition.builder().attributeName(PARTITION_KEY).attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName(SORT_KEY).attributeType(ScalarAttributeType.N).build())
        .keySchema(
            KeySchemaElement.builder().attributeName(PARTITION_KEY).keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName(SORT_KEY).keyType(KeyType.RANGE).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE).build())
        .build();
  }
}
