package dev.sourced.local.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.sourced.api.EventMetadata;
import dev.sourced.local.testkit.Deliveries;
import dev.sourced.local.testkit.bank.Account;
import dev.sourced.local.testkit.bank.CustomerEntry;
import dev.sourced.local.testkit.bank.Deposit;
import dev.sourced.local.testkit.bank.Deposited;
import dev.sourced.local.testkit.bank.OpenAccount;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.local.testkit.bank.SourcedAppJson;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.projection.ProjectionEngine;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.ProjectionDispatcher;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One stream whose events change several large views: together more than one transaction holds (4 MB), so the engine
 * applies the stream again committing event by event, and every view is stored whole. The projection is written by
 * hand here (a view per deposit, keyed by the stream and the deposit's version), since no test app has a projection
 * whose one stream feeds several views.
 */
class LargeViewsEngineTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static DynamoDbEventStore store;
  private static CommandBus<Account> bus;
  private static ProjectionTable table;
  private static final List<String> lines = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    dynamoDb.createEventTable("events");
    dynamoDb.createProjectionTable("deposits");
    store = DynamoDbEventStore.builder().dynamoDbClient(dynamoDb.client()).tableName("events").build();
    bus = CommandBus.builder(SourcedApp.INSTANCE, Account.class).codecs(SourcedAppJson.INSTANCE).eventStore(store).build();
    table = new ProjectionTable(dynamoDb.client(), "deposits");
  }

  /** @return 1.5 million random letters: about 0.9 MB compressed, 3 parts */
  private static String noise(long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder(1_500_000);
    for (int i = 0; i < 1_500_000; i++) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }

  /** A view per deposit: key {@code <account>#<version>}, its name 1.5 MB of noise. */
  private static final ProjectionDispatcher<CustomerEntry> PER_DEPOSIT = new ProjectionDispatcher<>() {
    @Override
    public Handling handling(Record event) {
      return event instanceof Deposited ? Handling.VIEW : Handling.NONE;
    }

    @Override
    public String viewKey(Record event, EventMetadata metadata) {
      return metadata.aggregateId() + "#" + metadata.version();
    }

    @Override
    public CustomerEntry apply(Record event, EventMetadata metadata, CustomerEntry current) {
      return new CustomerEntry(metadata.aggregateId(), null, noise(metadata.version()), true);
    }

    @Override
    public void react(Record event, EventMetadata metadata) {
      throw new UnsupportedOperationException("no reactor");
    }
  };

  @Test
  void aStreamWhoseViewsTogetherOverfillATransaction_isCommittedEventByEvent_andEveryViewIsStored() {
    bus.handle(new OpenAccount("big", "bo"), CommandOptions.NONE);
    for (int i = 1; i <= 5; i++) {
      bus.handle(new Deposit("big", i), CommandOptions.NONE);
    }
    ProjectionDefinition<CustomerEntry> definition = new ProjectionDefinition<>("deposits", 1, Object.class, CustomerEntry.class,
        List.of("Deposited"), PER_DEPOSIT, projection -> PER_DEPOSIT);
    ProjectionEngine<CustomerEntry> engine = new ProjectionEngine<>(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, definition,
        PER_DEPOSIT, store, table, lines::add);

    // one batch with the stream's 6 events: 5 views of ~0.9 MB compressed, ~4.6 MB together
    SQSBatchResponse response = engine.handle(Deliveries.sqsBatch(store.read("account#big", 0)));

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(table.checkpoint("account#big")).isEqualTo(6);
    for (int version = 2; version <= 6; version++) {
      ProjectionTable.StoredView view = table.view("big#" + version);
      assertThat(view.parts()).isEqualTo(3);
      assertThat(SourcedAppJson.INSTANCE.fromJson(CustomerEntry.class, view.data()).name()).isEqualTo(noise(version));
    }
    // more than one transaction could have held: so they were committed event by event
    long compressed = dynamoDb.client().scanPaginator(r -> r.tableName("deposits")).items().stream()
        .filter(item -> item.containsKey("gz")).mapToLong(item -> item.get("gz").b().asByteArrayUnsafe().length).sum();
    assertThat(compressed).isGreaterThan(4L * 1024 * 1024);
    assertThat(lines).noneMatch(line -> line.contains("\"level\":\"ERROR\"") || line.contains("\"level\":\"WARN\""));
  }
}
