package dev.sourced.local.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.runtime.json.Text;
import dev.sourced.runtime.lambda.Projections;
import dev.sourced.runtime.lambda.QueryApi;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.projection.ViewTooLargeException;
import dev.sourced.runtime.store.TransientStoreException;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
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
 * reader (one view, a page), their parts kept in step with the view's writes (a read between two writes reads again; a
 * damaged view is reported); a view too large even so is refused with its size; a page of large views ends before an
 * answer could not carry it.
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

  /** @return the view after writing {@code data} over it, conditional on the revision it was read at */
  private ProjectionTable.StoredView rewrite(ProjectionTable.StoredView stored, String data) {
    table.commit().view(stored.key(), data, stored.revision(), stored.parts()).execute();
    return table.view(stored.key());
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
    assertThat(head).doesNotContainKey("data").containsKeys("gz", "parts", "bytes", "wid");
    assertThat(head.get("bytes").n()).isEqualTo(Integer.toString(big.length()));
    String firstWrite = head.get("wid").s();
    assertThat(items("part#")).hasSize(2).allSatisfy(part -> assertThat(part.get("wid").s()).isEqualTo(firstWrite));

    // grows: one more part, every part at the new revision
    String bigger = balance(2_000_000, 2);
    stored = rewrite(stored, bigger);
    assertThat(stored.data()).isEqualTo(bigger);
    assertThat(stored.parts()).isEqualTo(4);
    String secondWrite = item("view#big").get("wid").s();
    assertThat(secondWrite).isNotEqualTo(firstWrite);
    assertThat(items("part#")).hasSize(3).allSatisfy(part -> assertThat(part.get("wid").s()).isEqualTo(secondWrite));

    // shrinks to a small view: text again, and the parts it no longer needs are gone
    String small = balance(10, 3);
    stored = rewrite(stored, small);
    assertThat(stored.data()).isEqualTo(small);
    assertThat(stored.parts()).isEqualTo(1);
    assertThat(item("view#big")).containsKey("data").doesNotContainKeys("gz", "parts");
    assertThat(items("part#")).isEmpty();

    // grows again, then is deleted: with its parts
    stored = rewrite(stored, big);
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
  void aViewTooLargeToServe_orToStore_isRefusedWithItsSize_andNothingIsWritten() {
    // its JSON alone would pass Lambda's 6 MB answer: escaped quotes count twice
    String quotes = "{\"accountId\":\"" + "\\\"".repeat(1_300_000) + "\",\"cents\":1,\"version\":1}"; // 2.6 MB
    assertThatThrownBy(() -> table.commit().view("quotes", quotes, 0, 1))
        .isInstanceOf(ViewTooLargeException.class)
        .hasMessageContaining("view 'quotes' of " + table.name() + " would take " + Text.jsonStringBytes(quotes)
            + " bytes in an answer;")
        .hasMessageContaining("a view takes at most 5000000 in an answer (Lambda returns 6 MB) and 10 items of 340000"
            + " compressed bytes (3400000)")
        .satisfies(e -> assertThat(((ViewTooLargeException) e).key()).isEqualTo("quotes"));
    // 4.9 MB of random printable ASCII: fits an answer, but compresses to more than 10 parts
    Random random = new Random(4);
    StringBuilder noise = new StringBuilder();
    while (noise.length() < 4_900_000) {
      char c = (char) (' ' + random.nextInt(95));
      if (c != '"' && c != '\\') {
        noise.append(c);
      }
    }
    String incompressible = "{\"accountId\":\"" + noise + "\",\"cents\":1,\"version\":1}";
    assertThatThrownBy(() -> table.commit().view("noise", incompressible, 0, 1))
        .isInstanceOf(ViewTooLargeException.class)
        .hasMessageMatching("view 'noise' of .* would take " + Text.jsonStringBytes(incompressible)
            + " bytes in an answer, [0-9]{7} compressed; .*");
    assertThat(table.view("quotes")).isNull();
    assertThat(table.view("noise")).isNull();
    assertThat(items("")).isEmpty();
  }

  @Test
  void aBatchRead_leavesLargeViewsToTheirReaders_andPagesOfLargeViewsEndEarly() {
    List<String> views = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      views.add(balance(1_500_000 + i, 10 + i)); // 3 parts each, 1.5 MB in an answer
      table.commit().view("page" + i, views.get(i), 0, 1).execute();
    }
    String small = balance(10, 13);
    table.commit().view("small", small, 0, 1).execute();
    // a batch never holds many large views: it reads the small ones, and leaves the large ones out (read alone)
    var read = table.read(List.of("account#x"), List.of("page0", "page1", "page2", "page3", "small", "missing"));
    assertThat(read.views()).containsOnlyKeys("small", "missing").containsEntry("missing", null);
    assertThat(read.views().get("small").data()).isEqualTo(small);
    assertThat(read.checkpoints()).containsEntry("account#x", 0L);

    // a page ends before a view that would take it past 5,000,000 bytes in an answer: 3 views of 1.5 MB at most
    List<String> listed = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String cursor = null;
    do {
      ProjectionTable.Page page = table.views(10, cursor);
      pageSizes.add(page.views().size());
      assertThat(page.views().stream().mapToLong(v -> Text.jsonStringBytes(v.data())).sum()).isLessThanOrEqualTo(5_000_000);
      page.views().forEach(v -> listed.add(v.data()));
      cursor = page.nextCursor();
    } while (cursor != null);
    List<String> all = new ArrayList<>(views);
    all.add(small);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(all);
    assertThat(pageSizes).hasSizeGreaterThan(1).allSatisfy(size -> assertThat(size).isLessThan(10));
  }

  @Test
  void aViewWrittenBetweenItsTwoReads_isReadAgain() {
    String first = balance(700_000, 20);
    String second = balance(800_000, 21);
    table.commit().view("raced", first, 0, 1).execute();
    ProjectionTable.StoredView before = table.view("raced");
    // a writer commits the next version after the reader read the view's item, before it reads the parts
    AtomicBoolean written = new AtomicBoolean();
    ExecutionInterceptor writerInBetween = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof BatchGetItemRequest && written.compareAndSet(false, true)) {
          table.commit().view("raced", second, before.revision(), before.parts()).execute();
        }
      }
    };
    try (DynamoDbClient reading = dynamoDb.newClient(o -> o.addExecutionInterceptor(writerInBetween))) {
      ProjectionTable.StoredView read = new ProjectionTable(reading, table.name()).view("raced");
      assertThat(written).isTrue();
      assertThat(read.data()).isEqualTo(second);
      assertThat(read.revision()).isEqualTo(2);
    }
  }

  @Test
  void aPartThatDoesNotMatchItsView_withNoWriteBetween_isReportedAsDamaged_notRetriedAsPassing() {
    String view = balance(700_000, 22);
    table.commit().view("torn", view, 0, 1).execute();
    String part = items("part#").get(0).get("pk").s();
    Map<String, AttributeValue> damaged = new java.util.HashMap<>(item(part));
    damaged.put("wid", AttributeValue.fromS("another-write"));
    dynamoDb.client().putItem(r -> r.tableName(table.name()).item(damaged));
    assertThatThrownBy(() -> table.view("torn")).isInstanceOf(IllegalStateException.class)
        .isNotInstanceOf(TransientStoreException.class)
        .hasMessageContaining("the parts of view 'torn' of " + table.name() + " do not match its item")
        .hasMessageContaining("the view is damaged");
  }

  @Test
  void aPageOfViewsThatAnAnswerCouldNotCarry_endsEarly_soTheQueryIsAnswered() throws Exception {
    // views of 1.65 MB of JSON, 3.3 MB each in an answer (escaped quotes count twice): two would pass Lambda's 6 MB
    for (int i = 0; i < 3; i++) {
      String quotes = "{\"accountId\":\"" + "\\\"".repeat(825_000) + i + "\",\"cents\":1,\"version\":1}";
      table.commit().view("a" + i, quotes, 0, 1).execute();
    }
    QueryApi api = new QueryApi(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE,
        Projections.definition(SourcedApp.INSTANCE, "balances"), table, Duration.ofSeconds(1), line -> { });

    APIGatewayV2HTTPResponse page = list(api, "3");
    assertThat(page.getStatusCode()).isEqualTo(200);
    assertThat(JSON.readTree(page.getBody())).hasSize(1);
    assertThat(Text.jsonStringBytes(page.getBody())).isLessThan(6_291_456L - 16_384L);
  }

  private static APIGatewayV2HTTPResponse list(QueryApi api, String limit) {
    return api.handle(APIGatewayV2HTTPEvent.builder().withRawPath("/balances").withQueryStringParameters(Map.of("limit", limit))
        .withHeaders(Map.of()).withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath("/balances").build()).build())
        .build(), null);
  }
}
