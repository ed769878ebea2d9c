package dev.sourced.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.sourced.local.testkit.FaultInjector;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import dev.sourced.local.testkit.bank.Account;
import dev.sourced.local.testkit.bank.AccountClosed;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.lambda.CommandApi;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.StoredEvent;
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
  private static DynamoDbEventStore store;

  @BeforeAll
  static void start() {
    dynamoDb.createEventTable("events");
    store = DynamoDbEventStore.builder().dynamoDbClient(dynamoDb.client()).tableName("events").build();
    CommandBus<Account> bus = CommandBus.builder(SourcedApp.INSTANCE, Account.class).codecs(SourcedAppJson.INSTANCE)
        .eventStore(store).build();
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
  void aBase64BodyThatIsNotUtf8_orNotBase64_is400_andNothingIsStored() {
    byte[] latin1 = "{\"owner\":\"Jos\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    APIGatewayV2HTTPEvent notUtf8 = post("/account/b64/open-account", java.util.Base64.getEncoder().encodeToString(latin1), Map.of());
    notUtf8.setIsBase64Encoded(true);
    APIGatewayV2HTTPEvent notBase64 = post("/account/b64/open-account", "{not base64}", Map.of());
    notBase64.setIsBase64Encoded(true);

    APIGatewayV2HTTPResponse refused = api.handle(notUtf8, null);
    assertThat(refused.getStatusCode()).isEqualTo(400);
    assertThat(refused.getBody()).contains("\"code\":\"invalid-request\"", "\"path\":\"$\"", "not valid UTF-8");
    assertThat(api.handle(notBase64, null).getBody()).contains("\"path\":\"$\"", "not base64");
    assertThat(store.read("account#b64", 0)).isEmpty();

    APIGatewayV2HTTPEvent utf8 = post("/account/b64/open-account", java.util.Base64.getEncoder().encodeToString(
        "{\"owner\":\"Jos\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), Map.of());
    utf8.setIsBase64Encoded(true);
    assertThat(api.handle(utf8, null).getStatusCode()).isEqualTo(201);
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

  private static APIGatewayV2HTTPEvent authorized(String path, APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer,
      Map<String, String> headers) {
    APIGatewayV2HTTPEvent event = post(path, path.endsWith("/open-account") ? "{\"owner\":\"ann\"}" : "{}", headers);
    event.getRequestContext().setAuthorizer(authorizer);
    return event;
  }

  private static APIGatewayV2HTTPEvent.RequestContext.Authorizer iam(String userArn) {
    APIGatewayV2HTTPEvent.RequestContext.IAM iam = new APIGatewayV2HTTPEvent.RequestContext.IAM();
    iam.setUserArn(userArn);
    return APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withIam(iam).build();
  }

  private static APIGatewayV2HTTPEvent.RequestContext.Authorizer jwt(Map<String, String> claims) {
    return APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
        .withJwt(new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT(claims, List.of())).build();
  }

  private static StoredEvent newest(String streamId) {
    List<StoredEvent> events = store.read(streamId, 0);
    return events.get(events.size() - 1);
  }

  @Test
  void jwtCaller_reachesTheHandlerWithTheClaimsItAskedFor_andEveryEventRecordsTheSubject() {
    api.handle(authorized("/account/j1/open-account", iam("arn:aws:iam::123456789012:user/alice"), Map.of()), null);
    lines.clear();

    APIGatewayV2HTTPResponse response = api.handle(authorized("/account/j1/close-account",
        jwt(Map.of("sub", "bob-sub", "email", "bob@example.com", "phone_number", "+15550100")),
        Map.of("x-sourced-local-principal", "arn:aws:iam::123456789012:root")), null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(store.read("account#j1", 0)).extracting(StoredEvent::principal)
        .containsExactly("arn:aws:iam::123456789012:user/alice", "bob-sub");
    assertThat(SourcedAppJson.INSTANCE.fromJson(AccountClosed.class, newest("account#j1").data()))
        .isEqualTo(new AccountClosed("j1", "bob-sub", "bob@example.com"));
    assertThat(lines.get(0)).contains("\"principal\":\"bob-sub\"");
  }

  @Test
  void requestWithoutAnAuthorizer_isAnonymous_whateverItsHeadersClaim() {
    APIGatewayV2HTTPResponse response = api.handle(post("/account/n1/open-account", "{\"owner\":\"ann\"}",
        Map.of("x-sourced-local-principal", "arn:aws:iam::123456789012:root", "x-sourced-local-jwt", "{\"sub\":\"root\"}")), null);

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(newest("account#n1").principal()).isEqualTo("anonymous");
  }

  @Test
  void principalBeyondTheLimit_is401InvalidCaller_andNothingIsWritten() {
    APIGatewayV2HTTPResponse response = api.handle(authorized("/account/h1/open-account",
        iam("arn:aws:iam::123456789012:user/" + "x".repeat(3000)), Map.of()), null);

    assertThat(response.getStatusCode()).isEqualTo(401);
    assertThat(response.getBody()).contains("\"code\":\"invalid-caller\"",
        "the caller's identity cannot be recorded: the principal is 3031 characters; at most 2048 are accepted");
    assertThat(store.read("account#h1", 0)).isEmpty();
  }

  @Test
  void claimTheHandlerAskedFor_thatIsNotText_is401InvalidCaller() {
    api.handle(authorized("/account/h2/open-account", iam("arn:aws:iam::123456789012:user/alice"), Map.of()), null);

    APIGatewayV2HTTPResponse response = api.handle(authorized("/account/h2/close-account",
        jwt(Map.of("sub", "bob-sub", "email", "bob\ud800@example.com")), Map.of()), null);

    assertThat(response.getStatusCode()).isEqualTo(401);
    assertThat(response.getBody()).contains("\"code\":\"invalid-caller\"", "claim 'email' holds a lone surrogate U+D800");
    assertThat(store.read("account#h2", 0)).hasSize(1);
  }
}
