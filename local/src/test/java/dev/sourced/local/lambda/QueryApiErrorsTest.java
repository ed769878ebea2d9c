package dev.sourced.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sourced.api.DomainException;
import dev.sourced.local.testkit.bank.GetBalance;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.runtime.StreamNotFoundException;
import dev.sourced.runtime.lambda.Projections;
import dev.sourced.runtime.lambda.QueryApi;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import dev.sourced.spi.AggregateDefinition;
import dev.sourced.spi.EventDefinition;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.QueryDefinition;
import dev.sourced.spi.SourcedApplication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A query handler's errors map to statuses as a command handler's do, each answer with the error schema and one log line. */
class QueryApiErrorsTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static final List<String> lines = new CopyOnWriteArrayList<>();
  private static QueryApi api;

  /** The bank app whose balance query's handler does what the account id says. */
  private static SourcedApplication withThrowingQuery() {
    QueryDefinition balance = SourcedApp.INSTANCE.queries().stream().filter(q -> q.type() == GetBalance.class).findFirst()
        .orElseThrow();
    QueryDefinition throwing = new QueryDefinition(balance.name(), balance.type(), balance.projection(), balance.route(),
        balance.components(), (query, views) -> switch (query.toString().replaceAll(".*accountId=([a-z-]+).*", "$1")) {
          case "frozen" -> throw new DomainException("account-frozen", "the account is frozen");
          case "page" -> views.list(0, null);
          case "closed" -> throw new StreamNotFoundException("account#closed", "get-balance");
          case "bug" -> throw new IllegalStateException("a bug in the handler");
          default -> views.get(query.toString().replaceAll(".*accountId=([a-z-]+).*", "$1"));
        });
    return new SourcedApplication() {
      @Override
      public String name() {
        return SourcedApp.INSTANCE.name();
      }

      @Override
      public List<AggregateDefinition<?>> aggregates() {
        return SourcedApp.INSTANCE.aggregates();
      }

      @Override
      public List<EventDefinition> events() {
        return SourcedApp.INSTANCE.events();
      }

      @Override
      public List<ProjectionDefinition<?>> projections() {
        return SourcedApp.INSTANCE.projections();
      }

      @Override
      public List<QueryDefinition> queries() {
        return List.of(throwing);
      }
    };
  }

  @BeforeAll
  static void start() {
    dynamoDb.createProjectionTable("balances");
    SourcedApplication app = withThrowingQuery();
    api = new QueryApi(app, SourcedAppJson.INSTANCE, Projections.definition(app, "balances"),
        new ProjectionTable(dynamoDb.client(), "balances"), Duration.ofSeconds(1), lines::add);
    dynamoDb.client().putItem(r -> r.tableName("balances").item(Map.of("pk", AttributeValue.fromS("view#damaged"),
        "data", AttributeValue.fromS("{\"accountId\":\"damaged\",\"cents\":[]}"), "rev", AttributeValue.fromN("1"))));
  }

  private static APIGatewayV2HTTPResponse get(String accountId) {
    String path = SourcedApp.INSTANCE.queries().stream().filter(q -> q.type() == GetBalance.class).findFirst().orElseThrow()
        .route().path().replaceAll("\\{[^}]+}", accountId);
    lines.clear();
    return api.handle(APIGatewayV2HTTPEvent.builder().withRawPath(path).withHeaders(Map.of("x-correlation-id", "corr-" + accountId))
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path).build()).build())
        .build(), null);
  }

  @Test
  void domainException_is422WithItsCode() {
    APIGatewayV2HTTPResponse response = get("frozen");
    assertThat(response.getStatusCode()).isEqualTo(422);
    assertThat(response.getBody()).contains("\"code\":\"account-frozen\"", "\"message\":\"the account is frozen\"",
        "\"correlationId\":\"corr-frozen\"");
    assertThat(lines).singleElement().satisfies(line -> assertThat(line).contains("\"level\":\"INFO\"", "\"status\":422",
        "\"code\":\"account-frozen\""));
  }

  @Test
  void invalidPageRequest_is400() {
    // the handler itself asked for limit 0: no request field holds it, so the answer names none (QueryApiLimitsTest
    // covers a limit that comes from the request, whose path is named)
    APIGatewayV2HTTPResponse response = get("page");
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getBody()).contains("\"code\":\"invalid-request\"", "limit must be 1..1000; found 0").doesNotContain("\"path\"");
  }

  @Test
  void streamNotFound_is404() {
    APIGatewayV2HTTPResponse response = get("closed");
    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(response.getBody()).contains("\"code\":\"stream-not-found\"");
  }

  @Test
  void anythingElse_is500WithoutInternals_andOneErrorLineWithTheStackTrace() {
    APIGatewayV2HTTPResponse response = get("bug");
    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(response.getBody()).contains("\"code\":\"internal-error\"").doesNotContain("a bug in the handler");
    assertThat(lines).singleElement().satisfies(line -> assertThat(line).doesNotContain("\n").contains("\"level\":\"ERROR\"",
        "\"correlationId\":\"corr-bug\"", "\"status\":500", "\"name\":\"java.lang.IllegalStateException\"",
        "\"stack\":\"java.lang.IllegalStateException: a bug in the handler"));
  }

  @Test
  void unreadableView_is500ViewUnreadable_reportedWithTheStackTrace() {
    APIGatewayV2HTTPResponse response = get("damaged");
    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(response.getBody()).contains("\"code\":\"view-unreadable\"", "'damaged'");
    assertThat(lines).singleElement().satisfies(line -> assertThat(line).contains("\"level\":\"ERROR\"", "\"viewKey\":\"damaged\"",
        "\"stack\":\"dev.sourced.runtime.projection.ViewUnreadableException"));
  }

  @Test
  void aView_isAnswered() {
    assertThat(get("nobody").getStatusCode()).isEqualTo(404);
    assertThat(lines).singleElement().satisfies(line -> assertThat(line).contains("\"level\":\"INFO\"", "\"outcome\":\"not-found\""));
  }
}
