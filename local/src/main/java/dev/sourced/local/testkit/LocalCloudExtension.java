package dev.sourced.local.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.local.cloud.LocalCloud;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.deployment.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs an application on the {@link LocalCloud} once per test class, for end-to-end tests:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalCloudExtension cloud = LocalCloudExtension.forApp("shopping-cart");
 *
 * @Test
 * void opensACart() {
 *   var opened = cloud.post("/shopping-cart/c1/open-cart", "{\"cartId\":\"c1\",\"customerId\":\"alice\"}");
 *   assertThat(opened.status()).isEqualTo(201);
 *   cloud.awaitProjection("cart-summary", "shopping-cart#c1", 1);
 *   assertThat(cloud.get("/cart-summary/c1").json().get("status").asText()).isEqualTo("OPEN");
 * }
 * }</pre>
 *
 * Requests go over real HTTP ({@link #get}, {@link #post}, {@link #send}) or in process through the
 * same routing ({@link #invoke}).
 */
public final class LocalCloudExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  /** Reads what the app writes: names as long as values, as the app's codecs allow ({@code JsonCodecs.FACTORY}). */
  private static final ObjectMapper JSON = new ObjectMapper(dev.sourced.runtime.json.JsonCodecs.FACTORY.copy());
  /** How long the await methods wait by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  private final String app;
  private Duration visibilityTimeout = Duration.ofSeconds(2);
  private Path dataDirectory;
  private Duration deadlinesAtMost;
  private Consumer<String> log = line -> { };
  private LocalCloud cloud;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LocalCloudExtension(String app) {
    this.app = app;
  }

  /** @param app the application's name ({@code @Aggregate}s' app, as in {@code -Asourced.app}) */
  public static LocalCloudExtension forApp(String app) {
    return new LocalCloudExtension(app);
  }

  /**
   * @param visibilityTimeout how long a failed projection message waits before its next attempt; default
   *     2 s here (deployed: {@link Deployment#VISIBILITY_TIMEOUT}), so a poison message reaches its DLQ
   *     after {@link Deployment#MAX_RECEIVE_COUNT} receives within seconds
   */
  public LocalCloudExtension visibilityTimeout(Duration visibilityTimeout) {
    this.visibilityTimeout = visibilityTimeout;
    return this;
  }

  /** @param dataDirectory keep DynamoDB's data there (see {@link #restart()}); default memory only */
  public LocalCloudExtension dataDirectory(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
    return this;
  }

  /**
   * @param delay the longest a process manager's deadline waits, however far ahead it is due (see
   *     {@link LocalCloud.Builder#deadlinesAtMost}); default: each at its time
   */
  public LocalCloudExtension deadlinesAtMost(Duration delay) {
    this.deadlinesAtMost = delay;
    return this;
  }

  /** @param log where the cloud's hop lines go; default nowhere */
  public LocalCloudExtension log(Consumer<String> log) {
    this.log = log;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cloud = start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (cloud == null) {
      throw new IllegalStateException("LocalCloudExtension starts once per test class: register it on a static field");
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cloud != null) {
      cloud.close();
      cloud = null;
    }
  }

  private LocalCloud start() {
    LocalCloud.Builder builder = LocalCloud.builder().app(app).visibilityTimeout(visibilityTimeout).log(log);
    if (dataDirectory != null) {
      builder.dataDirectory(dataDirectory);
    }
    if (deadlinesAtMost != null) {
      builder.deadlinesAtMost(deadlinesAtMost);
    }
    LocalCloud started = builder.start();
    // new projection versions are replayed at start, as after a deployment; tests begin once they answer queries
    Map<String, String> failed = started.awaitReplays(java.time.Duration.ofMinutes(2));
    if (!failed.isEmpty()) {
      started.close();
      throw new IllegalStateException("the replay of new projection versions failed: " + failed);
    }
    return started;
  }

  /** Stops the cloud and starts it again on the same data directory, as a developer restarting it would. */
  public void restart() {
    if (dataDirectory == null) {
      throw new IllegalStateException("restart() keeps data only with a dataDirectory");
    }
    cloud.close();
    cloud = start();
  }

  /** @return the running cloud */
  public LocalCloud cloud() {
    return cloud;
  }

  /** @return {@code http://localhost:<port>} */
  public URI baseUri() {
    return cloud.baseUri();
  }

  /**
   * An HTTP response.
   *
   * @param status the status code
   * @param headers the headers, names lower case
   * @param body the body
   */
  public record Response(int status, Map<String, String> headers, String body) {
    /** @return the body as JSON */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + (body.length() <= 2_000 ? body
            : body.substring(0, 2_000) + "… (" + body.length() + " characters)"), e);
      }
    }
  }

  /** @return the response to {@code GET path} over HTTP */
  public Response get(String pathAndQuery) {
    return send("GET", pathAndQuery, null, Map.of());
  }

  /** @return the response to {@code POST path} with a JSON body over HTTP */
  public Response post(String path, String json) {
    return send("POST", path, json, Map.of());
  }

  /** @return the response to a request over HTTP, with a JSON body ({@code content-type: application/json}) or none */
  public Response send(String method, String pathAndQuery, String json, Map<String, String> headers) {
    if (json == null) {
      return sendBytes(method, pathAndQuery, null, headers);
    }
    Map<String, String> withType = new java.util.LinkedHashMap<>();
    withType.put("content-type", "application/json");
    withType.putAll(headers);
    return sendBytes(method, pathAndQuery, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), withType);
  }

  /**
   * @param body the body's bytes as sent, or null for none (e.g. bytes that are not UTF-8, to test that they are refused)
   * @param headers the request's headers, its {@code content-type} among them
   * @return the response to a request over HTTP
   */
  public Response sendBytes(String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(cloud.baseUri().resolve(pathAndQuery)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> responseHeaders = new java.util.TreeMap<>();
      response.headers().map().forEach((name, values) -> responseHeaders.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
      return new Response(response.statusCode(), responseHeaders, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** @return the response to a request routed in process, without a socket */
  public Response invoke(String method, String pathAndQuery, String json) {
    APIGatewayV2HTTPResponse response = cloud.request(method, pathAndQuery, json);
    return new Response(response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(), response.getBody());
  }

  /** Waits until a projection has applied a stream up to a version (its checkpoint reached it). */
  public void awaitProjection(String projection, String streamId, long version) {
    ProjectionTable table = projectionTable(projection);
    await(() -> table.checkpoint(streamId) >= version,
        () -> projection + " to reach " + streamId + " v" + version + " (it is at v" + table.checkpoint(streamId) + ")");
  }

  /** Waits until a projection's dead-letter queue holds {@code messages} messages. */
  public void awaitDeadLetters(String projection, int messages) {
    Deployment deployment = cloud.deployment();
    String dlq = cloud.queueUrl(deployment.processManagers().contains(projection)
        ? deployment.process(projection).deadLetterQueue().name() : deployment.pipeline(projection).deadLetterQueue().name());
    await(() -> cloud.sqs().depth(dlq) == messages,
        () -> projection + "'s DLQ to hold " + messages + " message(s) (it holds " + cloud.sqs().depth(dlq) + ")");
  }

  /** @return a projection's stored view as JSON, or null */
  public JsonNode view(String projection, String key) {
    ProjectionTable.StoredView view = projectionTable(projection).view(key);
    if (view == null) {
      return null;
    }
    try {
      return JSON.readTree(view.data());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the table of a projection's serving version, or of a process manager's instances */
  public ProjectionTable projectionTable(String projection) {
    Deployment deployment = cloud.deployment();
    return new ProjectionTable(cloud.dynamoDb(), deployment.processManagers().contains(projection)
        ? deployment.process(projection).table().name() : deployment.pipeline(projection).table().name());
  }

  private static void await(BooleanSupplier condition, java.util.function.Supplier<String> what) {
    long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + DEFAULT_TIMEOUT.toSeconds() + " s waiting for " + what.get());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
