package dev.sourced.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.local.testkit.bank.Account;
import dev.sourced.local.testkit.bank.OpenAccount;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.json.JsonInputException;
import dev.sourced.runtime.lambda.CommandApi;
import dev.sourced.runtime.lambda.Projections;
import dev.sourced.runtime.lambda.QueryApi;
import dev.sourced.runtime.lambda.SourcedConfig;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Priming ({@code SOURCED_PRIME}) warms the request path at initialization without effect: it reads,
 * never writes, and no handler that writes ever runs.
 */
class PrimingTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static final List<String> operations = new CopyOnWriteArrayList<>();
  private static DynamoDbClient client;

  @BeforeAll
  static void start() {
    dynamoDb.createEventTable("events");
    dynamoDb.createProjectionTable("balances");
    client = dynamoDb.newClient(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
      }
    }));
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @Test
  void commandApiReadsAStreamThatIsNeverWrittenAndLogsNothing() {
    List<String> lines = new CopyOnWriteArrayList<>();
    CommandBus<Account> bus = CommandBus.builder(SourcedApp.INSTANCE, Account.class).codecs(SourcedAppJson.INSTANCE)
        .eventStore(DynamoDbEventStore.builder().dynamoDbClient(client).tableName("events").build()).build();
    CommandApi api = new CommandApi(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, bus, lines::add);
    operations.clear();

    api.prime();

    // one consistent Query of account#sourced-priming; every command route answered 400 without a call
    assertThat(operations).containsExactly("Query");
    assertThat(client.scan(r -> r.tableName("events")).count()).isZero();
    assertThat(lines).isEmpty();
  }

  @Test
  void thePrimingBodyIsRejectedEvenWhereEveryComponentIsPresent() {
    // so a creation command whose only component is its id (filled from the path) never runs either
    String complete = "{\"accountId\":\"a1\",\"owner\":\"ann\",\"sourced-priming\":true}";
    assertThatThrownBy(() -> SourcedAppJson.INSTANCE.fromJson(OpenAccount.class, complete, true, Map.of()))
        .isInstanceOf(JsonInputException.class)
        .hasMessageContaining("unknown field");
  }

  @Test
  void queryApiReadsViewsThatAreNeverWritten() {
    List<String> lines = new CopyOnWriteArrayList<>();
    QueryApi api = new QueryApi(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, Projections.definition(SourcedApp.INSTANCE, "balances"),
        new ProjectionTable(client, "balances"), Duration.ofSeconds(1), lines::add);
    operations.clear();

    api.prime();

    assertThat(operations).isNotEmpty().allMatch(operation -> operation.equals("GetItem"));
    assertThat(client.scan(r -> r.tableName("balances")).count()).isZero();
    assertThat(lines).isEmpty();
  }

  @Test
  void primingWhileTheVersionReplays_doesNotKeepTheFirstQueriesFromItOnceReady() throws Exception {
    dynamoDb.createProjectionTable("balances-replaying");
    ProjectionTable table = new ProjectionTable(client, "balances-replaying");
    table.startReplay("r1", "rebuild", java.time.Instant.now());
    table.commit().view("a1", "{\"accountId\":\"a1\",\"cents\":5,\"version\":1}", 0, 1).execute();
    QueryApi api = new QueryApi(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, Projections.definition(SourcedApp.INSTANCE, "balances"),
        dev.sourced.runtime.projection.ServingVersion.of(table, 1, null), Duration.ofSeconds(1), line -> { });

    api.prime(); // the version is REPLAYING: priming's queries are answered 503
    table.finishReplay("r1", java.time.Instant.now());

    // the status it read is priming's own: the first query, well within a second, sees the version READY
    var answer = api.handle(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.builder().withRawPath("/balances/a1")
        .withHeaders(Map.of()).withRequestContext(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext
            .builder().withHttp(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod("GET").withPath("/balances/a1").build()).build()).build(), null);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(200);
    assertThat(answer.getBody()).contains("\"cents\":5");
  }

  @Test
  void primingIsOnUnlessSwitchedOff() {
    assertThat(SourcedConfig.fromMap(Map.of()).prime()).isTrue();
    assertThat(SourcedConfig.fromMap(Map.of(SourcedConfig.PRIME, "false")).prime()).isFalse();
  }

  @Test
  void anOnDemandContainerDoesNotPrimeUnlessToldTo() {
    assertThat(SourcedConfig.fromMap(Map.of(SourcedConfig.INITIALIZATION_TYPE, "on-demand")).prime()).isFalse();
    assertThat(SourcedConfig.fromMap(Map.of(SourcedConfig.INITIALIZATION_TYPE, "snap-start")).prime()).isTrue();
    assertThat(SourcedConfig.fromMap(Map.of(SourcedConfig.INITIALIZATION_TYPE, "provisioned-concurrency")).prime()).isTrue();
    assertThat(SourcedConfig.fromMap(Map.of(SourcedConfig.INITIALIZATION_TYPE, "on-demand", SourcedConfig.PRIME, "true")).prime())
        .isTrue();
    assertThat(SourcedConfig.fromMap(Map.of(SourcedConfig.INITIALIZATION_TYPE, "snap-start", SourcedConfig.PRIME, "false")).prime())
        .isFalse();
  }
}
