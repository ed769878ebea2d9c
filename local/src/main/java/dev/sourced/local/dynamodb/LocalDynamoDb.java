package dev.sourced.local.dynamodb;

import dev.sourced.deployment.TableSpec;
import dev.sourced.deployment.dynamodb.CreateTableRequests;
import dev.sourced.local.LocalClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local in this JVM, served over HTTP on a free loopback port, so clients go through the same
 * SDK pipeline (signing, retries, interceptors) as against AWS. Start one per test class.
 */
public final class LocalDynamoDb implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final URI endpoint;

  private LocalDynamoDb(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
  }

  /** @return a running in-memory instance */
  public static LocalDynamoDb start() {
    return start(null);
  }

  /**
   * @param dataDirectory where to keep the data so it survives a restart, or {@code null} for memory only
   * @return a running instance
   */
  public static LocalDynamoDb start(Path dataDirectory) {
    int port = freePort();
    List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
    if (dataDirectory == null) {
      args.add("-inMemory");
    } else {
      try {
        Files.createDirectories(dataDirectory);
      } catch (IOException e) {
        throw new UncheckedIOException("could not create " + dataDirectory, e);
      }
      args.addAll(List.of("-dbPath", dataDirectory.toAbsolutePath().toString()));
    }
    try {
      DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(new String[0]));
      onLoopbackOnly(server);
      server.start();
      return new LocalDynamoDb(server, port);
    } catch (Exception e) {
      throw new IllegalStateException("could not start DynamoDB Local on port " + port + ": " + e.getMessage(), e);
    }
  }

  /**
   * DynamoDB Local has no option for the address it listens on, and its Jetty server listens on every interface: anyone
   * who can reach the machine could read and write its tables (unsigned requests are accepted). Its connectors are
   * bound to loopback before it starts, through the Jetty server it keeps in a private field.
   *
   * @throws IllegalStateException when that cannot be done (a DynamoDB Local of another shape): better not to start
   */
  private static void onLoopbackOnly(DynamoDBProxyServer server) {
    try {
      Field field = DynamoDBProxyServer.class.getDeclaredField("server");
      field.setAccessible(true);
      Object jetty = field.get(server);
      Object[] connectors = (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty);
      if (connectors.length == 0) {
        throw new IllegalStateException("DynamoDB Local's server has no connector");
      }
      for (Object connector : connectors) {
        connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not bind DynamoDB Local to loopback only (its server is not the Jetty server"
          + " it was): " + e, e);
    }
  }

  /** @return its endpoint, {@code http://127.0.0.1:<port>} */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * @param interceptors e.g. a {@code FaultInjector}
   * @return a new client on the HTTP client generated Lambdas use
   */
  public DynamoDbClient client(ExecutionInterceptor... interceptors) {
    return client(o -> {
      for (ExecutionInterceptor interceptor : interceptors) {
        o.addExecutionInterceptor(interceptor);
      }
    });
  }

  /**
   * @param overrides interceptors, retry strategy and the like
   * @return a new client on the HTTP client generated Lambdas use
   */
  public DynamoDbClient client(Consumer<ClientOverrideConfiguration.Builder> overrides) {
    return LocalClients.pointedAt(DynamoDbClient.builder(), endpoint).overrideConfiguration(overrides).build();
  }

  /** Creates a table of the deployment description (keys, stream, time to live), unless it exists. */
  public void createTable(TableSpec table) {
    if (createTable(CreateTableRequests.of(table))) {
      try (DynamoDbClient client = client()) {
        CreateTableRequests.timeToLive(table).ifPresent(client::updateTimeToLive);
      }
    }
  }

  /** Creates an event table as every Sourced event table is declared ({@link TableSpec#events}), unless it exists. */
  public void createEventTable(String tableName) {
    createTable(TableSpec.events(tableName));
  }

  /** Creates a snapshot table as every Sourced snapshot table is declared ({@link TableSpec#snapshots}), unless it exists. */
  public void createSnapshotTable(String tableName) {
    createTable(TableSpec.snapshots(tableName));
  }

  /**
   * Creates a table unless it exists (from an earlier start on the same data directory).
   *
   * @return whether it was created now
   */
  public boolean createTable(CreateTableRequest request) {
    try (DynamoDbClient client = client()) {
      client.createTable(request);
      return true;
    } catch (ResourceInUseException exists) {
      return false;
    }
  }

  /** @return a new DynamoDB Streams client for this instance's table streams */
  public DynamoDbStreamsClient streamsClient() {
    return LocalClients.pointedAt(DynamoDbStreamsClient.builder(), endpoint).build();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop DynamoDB Local", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
