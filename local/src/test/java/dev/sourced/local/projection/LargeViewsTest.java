package dev.sourced.local.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.runtime.lambda.Projections;
import dev.sourced.runtime.lambda.QueryApi;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.projection.ViewTooLargeException;
import dev.sourced.runtime.store.TransientStoreException;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Views past DynamoDB's 400 KB item: stored compressed, in several items when they must be, read back whole by every
 * reader (one view, a batch, a page), their parts kept in step with the view's revision; a view too large even so is
 * refused with its size; a query answer too large for Lambda is a 500 that says so.
 */
class LargeViewsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static int tables;
  /** Each test's own table. */
  private ProjectionTable table;

  @org.junit.jupiter.api.BeforeEach
  void newTable() {
    String name = "balances-" + ++tables;
    dynamoDb.createProjectionTable(name);
    table = new ProjectionTable(dynamoDb.client(), name);
  }

  /** @return a balance view whose account id is that many random letters: compresses to about 60 % */
  private static String balance(int letters, long seed) {
    Random random = new Random(seed);
    StringBuilder id = new StringBuilder(letters);
    for (int i = 0; i < letters; i++) {
      id.append((char) ('a' + random.nextInt(26)));
    }
    return "{\"accountId\":\"" + id + "\",\"cents\":" + seed + ",\"version\":1}";
  }

  private List<Map<String, AttributeValue>> items(String prefix) {
    return dynamoDb.client().scan(r -> r.tableName(table.name())).items().stream()
        .filter(item -> item.get("pk").s().startsWith(prefix)).toList();
  }

  private Map<String, AttributeValue> item(String pk) {
    return dynamoDb.client().getItem(r -> r.tableName(table.name()).consistentRead(true).key(Map.of("pk", AttributeValue.fromS(pk))))
        .item();
  }

  @Test
  void aViewPastOneItem_isStoredInParts_readBackWhole_andItsPartsFollowItsSize() {
    String big = balance(1_500_000, 1); // ~1.5 MB of JSON, ~0.9 MB compressed: 3 items
    table.commit().view("big", big, 0, 1).execute();

    ProjectionTable.StoredView stored = table.view("big");
    assertThat(stored.data()).isEqualTo(big);
    assertThat(stored.revision()).isEqualTo(1);
    assertThat(stored.parts()).isEqualTo(3);
    Map<String, AttributeValue> head = item("view#big");
    assertThat(head).doesNotContainKey("data").containsKeys("gz", "parts", "bytes");
    assertThat(head.get("bytes").n()).isEqualTo(Integer.toString(big.length()));
    assertThat(items("part#")).hasSize(2).allSatisfy(part -> assertThat(part.get("rev").n()).isEqualTo("1"));

    // grows: one more part, every part at the new revision
    String bigger = balance(2_000_000, 2);
    table.commit().view("big", bigger, stored.revision(), stored.parts()).execute();
    stored = table.view("big");
    assertThat(stored.data()).isEqualTo(bigger);
    assertThat(stored.parts()).isEqualTo(4);
    assertThat(items("part#")).hasSize(3).allSatisfy(part -> assertThat(part.get("rev").n()).isEqualTo("2"));

    // shrinks to a small view: text again, and the parts it no longer needs are gone
    String small = balance(10, 3);
    table.commit().view("big", small, stored.revision(), stored.parts()).execute();
    stored = table.view("big");
    assertThat(stored.data()).isEqualTo(small);
    assertThat(stored.parts()).isEqualTo(1);
    assertThat(item("view#big")).containsKey("data").doesNotContainKeys("gz", "parts");
    assertThat(items("part#")).isEmpty();

    // grows again, then is deleted: with its parts
    table.commit().view("big", big, stored.revision(), stored.parts()).execute();
    stored = table.view("big");
    assertThat(items("part#")).hasSize(2);
    table.commit().view("big", null, stored.revision(), stored.parts()).execute();
    assertThat(table.view("big")).isNull();
    assertThat(items("part#")).isEmpty();
  }

  @Test
  void aLargeViewThatCompressesWell_takesOneItem() {
    String repetitive = "{\"accountId\":\"" + "ab".repeat(1_000_000) + "\",\"cents\":1,\"version\":1}"; // 2 MB of JSON
    table.commit().view("repetitive", repetitive, 0, 1).execute();
    ProjectionTable.StoredView stored = table.view("repetitive");
    assertThat(stored.data()).isEqualTo(repetitive);
    assertThat(stored.parts()).isEqualTo(1);
    assertThat(item("view#repetitive")).containsKey("gz").doesNotContainKeys("data", "parts");
  }

  @Test
  void aViewTooLargeEvenInParts_isRefusedWithItsSize_andNothingIsWritten() {
    String huge = balance(6_500_000, 4); // ~3.9 MB compressed: more than 10 parts of 340,000 bytes
    assertThatThrownBy(() -> table.commit().view("huge", huge, 0, 1))
        .isInstanceOf(ViewTooLargeException.class)
        .hasMessageContaining("view 'huge' of " + table.name() + " would be 6500038 bytes of JSON")
        .hasMessageContaining("a view is stored in at most 10 items of 340000 compressed bytes (3400000)")
        .satisfies(e -> assertThat(((ViewTooLargeException) e).key()).isEqualTo("huge"));
    assertThat(table.view("huge")).isNull();
  }

  @Test
  void batchAndPageReaders_readLargeViewsWhole() {
    List<String> views = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      views.add(balance(700_000 + i, 10 + i)); // 2 parts each
      table.commit().view("page" + i, views.get(i), 0, 1).execute();
    }
    var read = table.read(List.of("account#x"), List.of("page0", "page1", "page2", "missing"));
    for (int i = 0; i < 3; i++) {
      assertThat(read.views().get("page" + i).data()).isEqualTo(views.get(i));
      assertThat(read.views().get("page" + i).parts()).isEqualTo(2);
    }
    assertThat(read.views()).containsEntry("missing", null);

    List<String> listed = new ArrayList<>();
    String cursor = null;
    do {
      ProjectionTable.Page page = table.views(1, cursor);
      page.views().stream().filter(v -> v.key().startsWith("page")).forEach(v -> listed.add(v.data()));
      cursor = page.nextCursor();
    } while (cursor != null);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(views);
  }

  @Test
  void aPartOfAnotherRevision_isReadAgain_andAfterFiveTriesReportedAsPassing() {
    String view = balance(700_000, 20);
    table.commit().view("torn", view, 0, 1).execute();
    // as if a writer committed revision 2 between the reader's two reads: the view's item still says 1
    String part = items("part#").stream().map(item -> item.get("pk").s())
        .filter(pk -> item(pk).get("rev").n().equals("1")).findFirst().orElseThrow();
    Map<String, AttributeValue> moved = new java.util.HashMap<>(item(part));
    moved.put("rev", AttributeValue.fromN("2"));
    dynamoDb.client().putItem(r -> r.tableName(table.name()).item(moved));
    assertThatThrownBy(() -> table.view("torn")).isInstanceOf(TransientStoreException.class)
        .hasMessageContaining("was written again while its parts were read, 5 times");

    moved.put("rev", AttributeValue.fromN("1"));
    dynamoDb.client().putItem(r -> r.tableName(table.name()).item(moved));
    assertThat(table.view("torn").data()).isEqualTo(view);
  }

  @Test
  void aQueryAnswerTooLargeForLambda_is500SayingSo_andASmallerPageIsAnswered() throws Exception {
    for (int i = 0; i < 4; i++) {
      table.commit().view("a" + i, balance(2_000_000, 30 + i), 0, 1).execute();
    }
    QueryApi api = new QueryApi(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE,
        Projections.definition(SourcedApp.INSTANCE, "balances"), table, Duration.ofSeconds(1), line -> { });

    APIGatewayV2HTTPResponse all = list(api, "4");
    assertThat(all.getStatusCode()).isEqualTo(500);
    JsonNode error = JSON.readTree(all.getBody());
    assertThat(error.get("code").asText()).isEqualTo("response-too-large");
    assertThat(error.get("message").asText()).startsWith("the answer to ").contains("would take 8000").contains("a smaller page");

    APIGatewayV2HTTPResponse two = list(api, "2");
    assertThat(two.getStatusCode()).isEqualTo(200);
    assertThat(JSON.readTree(two.getBody())).hasSize(2);
  }

  private static APIGatewayV2HTTPResponse list(QueryApi api, String limit) {
    return api.handle(APIGatewayV2HTTPEvent.builder().withRawPath("/balances").withQueryStringParameters(Map.of("limit", limit))
        .withHeaders(Map.of()).withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath("/balances").build()).build())
        .build(), null);
  }
}
