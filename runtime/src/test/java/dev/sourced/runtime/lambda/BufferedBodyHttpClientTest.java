package dev.sourced.runtime.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The HTTP client every function's SDK clients use: bodies sent from memory, kept-alive connections reused without the
 * JDK's one-millisecond probe, requests unchanged otherwise. On DynamoDB Local, through the SDK, with the plain
 * URL-connection client as the control that shows the probe is there to be avoided.
 */
class BufferedBodyHttpClientTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();

  /**
   * The JDK logs each probe of a kept-alive connection ({@code HttpClient.available()}) at FINEST on this logger; held
   * here, because the JDK keeps its loggers only weakly and the level would be lost with it.
   */
  private static final Logger HTTP_LOG = Logger.getLogger("sun.net.www.protocol.http.HttpURLConnection");
  private static final List<String> PROBES = Collections.synchronizedList(new ArrayList<>());
  /** The JDK logs each reuse of a kept-alive connection ("cached HttpClient was idle for …"). */
  private static final List<String> REUSES = Collections.synchronizedList(new ArrayList<>());
  private static final Handler PROBE_HANDLER = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getMessage() != null && record.getMessage().startsWith("HttpClient.available()")) {
        PROBES.add(record.getMessage());
      }
      if (record.getMessage() != null && record.getMessage().startsWith("cached HttpClient was idle")) {
        REUSES.add(record.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private static Level levelBefore;

  @BeforeAll
  static void listenForProbes() {
    levelBefore = HTTP_LOG.getLevel();
    HTTP_LOG.setLevel(Level.FINEST);
    HTTP_LOG.addHandler(PROBE_HANDLER);
    dynamoDb.client().createTable(t -> t.tableName("buffered-bodies").billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build()));
  }

  @AfterAll
  static void stopListening() {
    HTTP_LOG.removeHandler(PROBE_HANDLER);
    HTTP_LOG.setLevel(levelBefore);
  }

  @BeforeEach
  void clearProbes() {
    PROBES.clear();
    REUSES.clear();
  }

  private static DynamoDbClient client(SdkHttpClient.Builder<?> http) {
    return DynamoDbClient.builder()
        .endpointOverride(dynamoDb.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(http)
        .build();
  }

  private static void callsOnOneConnection(DynamoDbClient client) {
    for (int i = 0; i < 5; i++) {
      client.listTables();
    }
  }

  @Test
  void theUrlConnectionClientAlone_probesEveryKeptAliveConnectionBeforeAPost() {
    try (DynamoDbClient plain = client(UrlConnectionHttpClient.builder())) {
      callsOnOneConnection(plain);
    }
    // each call after the first reuses the connection the one before left in the JDK's keep-alive cache, after the probe
    // (the first may reuse one an earlier test left there)
    assertThat(PROBES).hasSizeBetween(4, 5);
  }

  @Test
  void decorated_reusesKeptAliveConnectionsWithoutTheProbe() {
    try (DynamoDbClient buffered = client(BufferedBodyHttpClient.builder())) {
      callsOnOneConnection(buffered);
    }
    assertThat(PROBES).isEmpty();
    assertThat(REUSES).as("the connection is still reused, not opened anew per call").hasSizeBetween(4, 5);
  }

  @Test
  void decorated_sendsLargeBodiesAndTransactionsWhole() {
    String large = "x".repeat(380_000); // near DynamoDB's 400 KB item limit
    try (DynamoDbClient buffered = client(BufferedBodyHttpClient.builder())) {
      buffered.putItem(p -> p.tableName("buffered-bodies")
          .item(Map.of("id", AttributeValue.fromS("large"), "data", AttributeValue.fromS(large))));
      buffered.transactWriteItems(t -> t.transactItems(
          put("t1", "é€😀"), put("t2", "second")));

      assertThat(buffered.getItem(g -> g.tableName("buffered-bodies").key(Map.of("id", AttributeValue.fromS("large"))))
          .item().get("data").s()).isEqualTo(large);
      assertThat(buffered.getItem(g -> g.tableName("buffered-bodies").key(Map.of("id", AttributeValue.fromS("t1"))))
          .item().get("data").s()).isEqualTo("é€😀");
    }
    assertThat(PROBES).isEmpty();
  }

  private static TransactWriteItem put(String id, String data) {
    return TransactWriteItem.builder().put(Put.builder().tableName("buffered-bodies")
        .item(Map.of("id", AttributeValue.fromS(id), "data", AttributeValue.fromS(data)))
        .conditionExpression("attribute_not_exists(id)").build()).build();
  }

  private static HttpExecuteRequest request(Consumer<SdkHttpRequest.Builder> headers, boolean body) {
    SdkHttpRequest.Builder http = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("https://dynamodb.example"));
    headers.accept(http);
    HttpExecuteRequest.Builder request = HttpExecuteRequest.builder().request(http.build());
    if (body) {
      request.contentStreamProvider(() -> new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)));
    }
    return request.build();
  }

  @Test
  void onlyABodyOfKnownLengthWithinTheLimit_losesItsContentLength() {
    HttpExecuteRequest small = request(h -> h.putHeader("Content-Length", "2").putHeader("X-Amz-Target", "t"), true);
    HttpExecuteRequest sent = BufferedBodyHttpClient.withoutContentLength(small);
    assertThat(sent.httpRequest().firstMatchingHeader("Content-Length")).isEmpty();
    assertThat(sent.httpRequest().firstMatchingHeader("X-Amz-Target")).contains("t");
    assertThat(sent.contentStreamProvider()).isPresent();

    HttpExecuteRequest atTheLimit = request(
        h -> h.putHeader("Content-Length", Long.toString(BufferedBodyHttpClient.MAX_BUFFERED_BYTES)), true);
    assertThat(BufferedBodyHttpClient.withoutContentLength(atTheLimit).httpRequest().firstMatchingHeader("Content-Length"))
        .isEmpty();

    for (HttpExecuteRequest unchanged : List.of(
        request(h -> h.putHeader("Content-Length", Long.toString(BufferedBodyHttpClient.MAX_BUFFERED_BYTES + 1)), true),
        request(h -> h.putHeader("Transfer-Encoding", "chunked"), true),
        request(h -> h.putHeader("Content-Length", "0"), false),
        request(h -> h.putHeader("Content-Length", "two"), true))) {
      assertThat(BufferedBodyHttpClient.withoutContentLength(unchanged)).isSameAs(unchanged);
    }
  }
}
