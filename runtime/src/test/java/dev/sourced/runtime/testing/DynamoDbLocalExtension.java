package dev.sourced.runtime.testing;

import dev.sourced.deployment.TableSpec;
import dev.sourced.deployment.dynamodb.CreateTableRequests;
import dev.sourced.runtime.lambda.BufferedBodyHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local, in memory, for one test class: started before the class's {@code @BeforeAll}
 * methods, stopped after its {@code @AfterAll} methods. It serves HTTP on a free loopback port, so
 * clients go through the same SDK pipeline (signing, retries, interceptors) as against AWS.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
 *
 * @BeforeAll
 * static void tables() {
 *   dynamoDb.createEventTable("events");
 *   store = DynamoDbEventStore.builder().dynamoDbClient(dynamoDb.client()).tableName("events").build();
 * }
 * }</pre>
 *
 * Register it on a {@code static} field: only then does JUnit start it once for the class.
 */
public final class DynamoDbLocalExtension implements BeforeAllCallback, AfterAllCallback {
  private ExtensionContext owner;
  private DynamoDBProxyServer server;
  private URI endpoint;
  private DynamoDbClient client;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (owner != null) {
      return; // a @Nested class shares its enclosing class's instance
    }
    int port = freePort();
    server = ServerRunner.createServerFromCommandLineArgs(
        new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
    server.start();
    endpoint = URI.create("http://127.0.0.1:" + port);
    owner = context;
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (context != owner) {
      return;
    }
    try {
      if (client != null) {
        client.close();
      }
    } finally {
      server.stop();
      owner = null;
      server = null;
      client = null;
    }
  }

  /** @return its endpoint, {@code http://127.0.0.1:<port>} */
  public URI endpoint() {
    if (endpoint == null) {
      throw new IllegalStateException("DynamoDB Local is not running: register DynamoDbLocalExtension with"
          + " @RegisterExtension on a static field, and use it from @BeforeAll methods or tests");
    }
    return endpoint;
  }

  /** @return the class's client, made on first use and closed after the class's last test */
  public DynamoDbClient client() {
    if (client == null) {
      client = newClient(overrides -> { });
    }
    return client;
  }

  /**
   * @param overrides interceptors (e.g. a fault injector), retry strategy and the like
   * @return a new client on the HTTP client the Lambdas use; the caller closes it
   */
  public DynamoDbClient newClient(Consumer<ClientOverrideConfiguration.Builder> overrides) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(BufferedBodyHttpClient.builder())
        .overrideConfiguration(overrides)
        .build();
  }

  /** Creates an event table as the CDK stack declares it. */
  public void createEventTable(String tableName) {
    client().createTable(CreateTableRequests.of(TableSpec.events(tableName)));
  }

  /** Creates a snapshot table as the CDK stack declares it. */
  public void createSnapshotTable(String tableName) {
    client().createTable(CreateTableRequests.of(TableSpec.snapshots(tableName)));
  }

  /** Creates a projection table as the CDK stack declares it. */
  public void createProjectionTable(String tableName) {
    client().createTable(CreateTableRequests.of(TableSpec.projection(tableName, tableName, 1)));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
