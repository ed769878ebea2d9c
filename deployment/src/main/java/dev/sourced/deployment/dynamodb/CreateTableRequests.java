package dev.sourced.deployment.dynamodb;

import dev.sourced.deployment.KeyAttribute;
import dev.sourced.deployment.TableSpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * A {@link TableSpec} as the AWS SDK's requests, for whoever creates tables through the SDK: the local
 * cloud on DynamoDB Local, and tests. The SDK is a compile-only dependency of this module: only callers that
 * have it load this class (the CDK stack declares tables from the same spec without it).
 */
public final class CreateTableRequests {
  private CreateTableRequests() {}

  /** @return the request that creates the table: on demand, its keys, its stream */
  public static CreateTableRequest of(TableSpec table) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    List<KeySchemaElement> keys = new ArrayList<>();
    add(table.partitionKey(), KeyType.HASH, attributes, keys);
    if (table.sortKey() != null) {
      add(table.sortKey(), KeyType.RANGE, attributes, keys);
    }
    CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(table.name())
        .attributeDefinitions(attributes).keySchema(keys).billingMode(BillingMode.PAY_PER_REQUEST);
    if (table.stream()) {
      request.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE).build());
    }
    return request.build();
  }

  /** @return the request that switches on the table's time to live, if it has one */
  public static java.util.Optional<UpdateTimeToLiveRequest> timeToLive(TableSpec table) {
    return java.util.Optional.ofNullable(table.timeToLiveAttribute()).map(attribute -> UpdateTimeToLiveRequest.builder()
        .tableName(table.name()).timeToLiveSpecification(t -> t.enabled(true).attributeName(attribute)).build());
  }

  private static void add(KeyAttribute key, KeyType type, List<AttributeDefinition> attributes, List<KeySchemaElement> keys) {
    attributes.add(AttributeDefinition.builder().attributeName(key.name())
        .attributeType(key.type() == KeyAttribute.Type.STRING ? ScalarAttributeType.S : ScalarAttributeType.N).build());
    keys.add(KeySchemaElement.builder().attributeName(key.name()).keyType(type).build());
  }
}
