package dev.sourced.runtime.lambda;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Where a generated Lambda finds its resources. The CDK stack sets these environment variables; the
 * local cloud sets the same names (as system properties, which take precedence), plus endpoint
 * overrides. There is no second configuration path.
 *
 * <table>
 *   <tr><th>name</th><th>meaning</th></tr>
 *   <tr><td>{@code SOURCED_EVENT_TABLE}</td><td>the event store table (required by command functions)</td></tr>
 *   <tr><td>{@code SOURCED_SNAPSHOT_TABLE}</td><td>the snapshot table, if the app has snapshotting aggregates</td></tr>
 *   <tr><td>{@code SOURCED_DYNAMODB_ENDPOINT}</td><td>endpoint override (DynamoDB Local); default AWS</td></tr>
 *   <tr><td>{@code SOURCED_IDEMPOTENCY_TTL}</td><td>ISO-8601 duration idempotency records are kept; default PT24H</td></tr>
 *   <tr><td>{@code AWS_REGION}</td><td>set by Lambda; default us-east-1 for local use</td></tr>
 * </table>
 *
 * @param eventTable the event store table
 * @param snapshotTable the snapshot table, or null
 * @param dynamoDbEndpoint the DynamoDB endpoint override, or null
 * @param region the AWS region
 * @param idempotencyTtl how long idempotency records are kept
 */
public record SourcedConfig(String eventTable, String snapshotTable, URI dynamoDbEndpoint, String region, Duration idempotencyTtl) {
  public static final String EVENT_TABLE = "SOURCED_EVENT_TABLE";
  public static final String SNAPSHOT_TABLE = "SOURCED_SNAPSHOT_TABLE";
  public static final String DYNAMODB_ENDPOINT = "SOURCED_DYNAMODB_ENDPOINT";
  public static final String IDEMPOTENCY_TTL = "SOURCED_IDEMPOTENCY_TTL";
  public static final String REGION = "AWS_REGION";

  /** @return the configuration from environment variables, overridden by system properties of the same names */
  public static SourcedConfig fromEnvironment() {
    Map<String, String> settings = new HashMap<>(System.getenv());
    for (String name : new String[] {EVENT_TABLE, SNAPSHOT_TABLE, DYNAMODB_ENDPOINT, IDEMPOTENCY_TTL, REGION}) {
      String property = System.getProperty(name);
      if (property != null) {
        settings.put(name, property);
      }
    }
    return fromMap(settings);
  }

  /** @return the configuration from a map of the variable names above */
  public static SourcedConfig fromMap(Map<String, String> settings) {
    String endpoint = settings.get(DYNAMODB_ENDPOINT);
    String ttl = settings.get(IDEMPOTENCY_TTL);
    return new SourcedConfig(
        settings.get(EVENT_TABLE),
        settings.get(SNAPSHOT_TABLE),
        endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
        settings.getOrDefault(REGION, "us-east-1"),
        ttl == null || ttl.isBlank() ? Duration.ofHours(24) : Duration.parse(ttl));
  }

  /** @return the event table, or an explanation of what is missing */
  public String requireEventTable() {
    return Objects.requireNonNull(eventTable, EVENT_TABLE + " is not set; the CDK stack (or the local cloud) sets it");
  }

  /**
   * A DynamoDB client on the URL-connection HTTP client (small, fast to start). With an endpoint
   * override (DynamoDB Local) it uses static dummy credentials.
   *
   * @return a new client; create one per container and reuse it
   */
  public DynamoDbClient dynamoDbClient() {
    DynamoDbClientBuilder builder = DynamoDbClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.of(region));
    if (dynamoDbEndpoint != null) {
      builder.endpointOverride(dynamoDbEndpoint)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return builder.build();
  }
}
