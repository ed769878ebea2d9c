package dev.sourced.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.sourced.local.testkit.FaultInjector;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import dev.sourced.local.testkit.bank.Account;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.lambda.CommandApi;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The command API over the bank test domain: its log line, and statuses that need an unwilling store. */
class CommandApiTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static final List<String> lines = new CopyOnWriteArrayList<>();
  private static CommandApi api;

  @BeforeAll
  static void start() {
    dynamoDb.createEventTable("events");
    CommandBus<Account> bus = CommandBus.builder(SourcedApp.INSTANCE, Account.class).codecs(SourcedAppJson.INSTANCE)
        .eventStore(DynamoDbEventStore.builder().dynamoDbClient(dynamoDb.client()).tableName("events").build()).build();
    api = new CommandApi(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, bus, lines::add);
  }

  private static APIGatewayV2HTTPEvent post(String path, String body, Map<String, String> headers) {
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath(path)
        .withHeaders(headers)
        .withBody(body)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath(path).build())
            .build())
        .build();
  }

  @Test
  void oneJsonLinePerRequest_withStreamCommandOutcomeAndDuration() {
    lines.clear();
    api.handle(post("/account/a1/open-account", "{\"owner\":\"ann\"}", Map.of("x-correlation-id", "corr-7")), null);
    api.handle(post("/account/a1/withdraw", "{\"cents\":5}", Map.of("idempotency-key", "k1")), null);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith("{").endsWith("}").doesNotContain("\n")
        .contains("\"streamId\":\"account#a1\"", "\"command\":\"open-account\"", "\"outcome\":\"accepted\"",
            "\"status\":201", "\"correlationId\":\"corr-7\"", "\"commandId\":\"", "\"durationMs\":");
    assertThat(lines.get(1)).contains("\"outcome\":\"rejected\"", "\"code\":\"insufficient-funds\"", "\"status\":422");
  }

  @Test
  void storeThatKeepsRefusing_is409_afterTheBoundedRetries() throws Exception {
    api.handle(post("/account/a9/open-account", "{\"owner\":\"ann\"}", Map.of()), null);
    FaultInjector alwaysThrottled = new FaultInjector(1.0, 0, 7);
    try (DynamoDbClient faulty = dynamoDb.newClient(o -> o.addExecutionInterceptor(alwaysThrottled)
        .retryStrategy(AwsRetryStrategy.doNotRetry()))) {
      CommandBus<Account> bus = CommandBus.builder(SourcedApp.INSTANCE, Account.class).codecs(SourcedAppJson.INSTANCE)
          .eventStore(DynamoDbEventStore.builder().dynamoDbClient(faulty).tableName("events").build())
          .maxAttempts(3).backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build();
      CommandApi throttledApi = new CommandApi(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, bus, lines::add);

      APIGatewayV2HTTPResponse response = throttledApi.handle(EventLoader.loadApiGatewayHttpEvent("events/withdraw.json"), null);

      assertThat(response.getStatusCode()).isEqualTo(409);
      assertThat(response.getBody()).contains("\"code\":\"concurrency-conflict\"");
      assertThat(alwaysThrottled.throttled()).isEqualTo(3);
    }
  }
}
