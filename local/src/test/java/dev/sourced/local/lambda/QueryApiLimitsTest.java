package dev.sourced.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.runtime.lambda.Projections;
import dev.sourced.runtime.lambda.QueryApi;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A query handler's misuse of Views, and keys no view can have, are 400s naming the parameter; never 500s. */
class QueryApiLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static DynamoDbClient client;
  private static QueryApi api;

  @BeforeAll
  static void start() {
    client = dynamoDb.client();
    dynamoDb.createProjectionTable("balances");
    ProjectionTable table = new ProjectionTable(client, "balances");
    for (int i = 0; i < 5; i++) {
      table.commit().view("a" + i, "{\"accountId\":\"a" + i + "\",\"cents\":" + i + ",\"version\":1}", 0, 1).execute();
    }
    api = new QueryApi(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, Projections.definition(SourcedApp.INSTANCE, "balances"),
        table, Duration.ofSeconds(1), line -> { });
  }


  private static APIGatewayV2HTTPResponse get(String path, Map<String, String> query) {
    return api.handle(APIGatewayV2HTTPEvent.builder().withRawPath(path).withQueryStringParameters(query).withHeaders(Map.of())
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path).build()).build())
        .build(), null);
  }

  private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
    return JSON.readTree(response.getBody());
  }

  @Test
  void pagesOfViews_areListedWithTheCursorsTheyGive() throws Exception {
    APIGatewayV2HTTPResponse first = get("/balances", Map.of("limit", "3"));
    assertThat(first.getStatusCode()).isEqualTo(200);
    assertThat(body(first)).hasSize(3);
  }

  @Test
  void limitOutsideOneToAThousand_is400_namingTheParameter() throws Exception {
    for (String limit : new String[] {"0", "-1", "1001"}) {
      APIGatewayV2HTTPResponse response = get("/balances", Map.of("limit", limit));
      assertThat(response.getStatusCode()).as(limit).isEqualTo(400);
      assertThat(body(response).get("code").asText()).isEqualTo("invalid-request");
      assertThat(body(response).get("path").asText()).isEqualTo("$.limit");
      assertThat(body(response).get("message").asText()).isEqualTo("$.limit: limit must be 1..1000; found " + limit);
    }
  }

  @Test
  void cursorNoPageGave_is400_ratherThanSilentlyAccepted() throws Exception {
    String notBase64 = "!!!";
    String notAView = Base64.getUrlEncoder().encodeToString("checkpoint#account#a1".getBytes(StandardCharsets.UTF_8));
    String notUtf8 = Base64.getUrlEncoder().encodeToString(new byte[] {'v', 'i', 'e', 'w', '#', (byte) 0xFF});
    for (String cursor : new String[] {notBase64, notAView, notUtf8}) {
      APIGatewayV2HTTPResponse response = get("/balances", Map.of("limit", "2", "cursor", cursor));
      assertThat(response.getStatusCode()).as(cursor).isEqualTo(400);
      assertThat(body(response).get("path").asText()).isEqualTo("$.cursor");
      assertThat(body(response).get("message").asText()).contains("is not one a page gave");
    }
  }

  @Test
  void keyLongerThanAnyViewKey_is400_namingThePathParameter() throws Exception {
    APIGatewayV2HTTPResponse tooLong = get("/balances/" + "k".repeat(2044), null);
    assertThat(tooLong.getStatusCode()).isEqualTo(400);
    assertThat(body(tooLong).get("path").asText()).isEqualTo("$.accountId");
    assertThat(body(tooLong).get("message").asText())
        .isEqualTo("$.accountId: the view key is 2044 bytes in UTF-8; a view key takes at most 2043 (DynamoDB's 2048-byte key limit, less 'view#')");
    assertThat(get("/balances/" + "k".repeat(2043), null).getStatusCode()).isEqualTo(404);
  }

  @Test
  void parametersThatAreNotText_orNotPercentEncoded_are400() throws Exception {
    APIGatewayV2HTTPResponse nonCharacter = get("/balances/a%EF%BF%BF", null);
    assertThat(nonCharacter.getStatusCode()).isEqualTo(400);
    assertThat(body(nonCharacter).get("path").asText()).isEqualTo("$.accountId");
    assertThat(get("/balances/a%zz", null).getStatusCode()).isEqualTo(400);
    Map<String, String> loneSurrogate = new HashMap<>(Map.of("limit", "2", "cursor", "\ud800"));
    assertThat(body(get("/balances", loneSurrogate)).get("path").asText()).isEqualTo("$.cursor");
  }

  @Test
  void readYourWritesStreamLongerThanAnyStream_is400() throws Exception {
    APIGatewayV2HTTPResponse response = get("/balances/a1", Map.of("minVersion", "1", "stream", "account#" + "x".repeat(2100)));
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(body(response).get("path").asText()).isEqualTo("$.stream");
  }
}
