package dev.sourced.local.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.sourced.local.testkit.Deliveries;
import dev.sourced.local.testkit.bank.Account;
import dev.sourced.local.testkit.bank.Balance;
import dev.sourced.local.testkit.bank.BalancesProjection;
import dev.sourced.local.testkit.bank.Deposit;
import dev.sourced.local.testkit.bank.OpenAccount;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.projection.DynamoDbViews;
import dev.sourced.runtime.projection.ProjectionEngine;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.projection.ViewUnreadableException;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import dev.sourced.spi.ProjectionDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A stored view the codec cannot read back is reported, set aside and rebuilt from its stream; the stream goes on. */
class UnreadableViewTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static DynamoDbEventStore store;
  private static CommandBus<Account> bus;
  private static ProjectionEngine<Balance> engine;
  private static ProjectionTable table;
  private static final List<String> lines = new CopyOnWriteArrayList<>();

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void start() {
    dynamoDb.createEventTable("events");
    dynamoDb.createProjectionTable("balances");
    store = DynamoDbEventStore.builder().dynamoDbClient(dynamoDb.client()).tableName("events").build();
    bus = CommandBus.builder(SourcedApp.INSTANCE, Account.class).codecs(SourcedAppJson.INSTANCE).eventStore(store).build();
    ProjectionDefinition<Balance> balances = (ProjectionDefinition<Balance>) SourcedApp.INSTANCE.projection(BalancesProjection.class)
        .orElseThrow();
    table = new ProjectionTable(dynamoDb.client(), "balances");
    engine = new ProjectionEngine<>(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, balances, balances.dispatcher(), store, table,
        lines::add);
  }

  @Test
  void unreadableView_isReportedWithItsStackTrace_setAside_andRebuiltFromItsStream() {
    bus.handle(new OpenAccount("u1", "ann"), CommandOptions.NONE);
    bus.handle(new Deposit("u1", 5), CommandOptions.NONE);
    engine.handle(Deliveries.sqsBatch(store.read("account#u1", 0)));
    long revision = table.view("u1").revision();
    // the view's JSON no longer fits the record (as after an incompatible change of the view record)
    dynamoDb.client().putItem(r -> r.tableName("balances").item(Map.of("pk", AttributeValue.fromS("view#u1"),
        "data", AttributeValue.fromS("{\"accountId\":\"u1\",\"cents\":\"a lot\",\"version\":2}"),
        "rev", AttributeValue.fromN(Long.toString(revision)))));
    DynamoDbViews<Balance> views = new DynamoDbViews<>(table, SourcedAppJson.INSTANCE, Balance.class);
    assertThatThrownBy(() -> views.get("u1")).isInstanceOf(ViewUnreadableException.class)
        .hasMessageContaining("view 'u1' cannot be read");

    lines.clear();
    bus.handle(new Deposit("u1", 7), CommandOptions.NONE);
    SQSBatchResponse response = engine.handle(Deliveries.sqsBatch(store.read("account#u1", 2)));

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(views.get("u1")).isEqualTo(new Balance("u1", 12, 3));
    assertThat(table.checkpoint("account#u1")).isEqualTo(3);
    var setAside = dynamoDb.client().getItem(r -> r.tableName("balances").key(Map.of("pk",
        AttributeValue.fromS("unreadable#view#u1#" + revision)))).item();
    assertThat(setAside.get("data").s()).contains("a lot");
    assertThat(lines).filteredOn(line -> line.contains("\"level\":\"ERROR\"")).singleElement().satisfies(line -> assertThat(line)
        .contains("\"projection\":\"balances\"", "\"streamId\":\"account#u1\"", "\"version\":3", "\"viewKey\":\"u1\"",
            "\"eventId\":\"", "rebuilt from its stream", "\"stack\":\"dev.sourced.runtime.projection.ViewUnreadableException"));
  }
}
