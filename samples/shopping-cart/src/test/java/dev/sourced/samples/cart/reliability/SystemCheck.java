package dev.sourced.samples.cart.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sourced.api.Page;
import dev.sourced.local.cloud.LocalCloud;
import dev.sourced.local.testkit.LocalCloudExtension;
import dev.sourced.local.testkit.ProjectionFixture;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.projection.DynamoDbViews;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.samples.cart.SourcedApp;
import dev.sourced.samples.cart.SourcedAppJson;
import dev.sourced.samples.cart.domain.ShoppingCart;
import dev.sourced.samples.cart.views.CartSummary;
import dev.sourced.samples.cart.views.CartSummaryProjection;
import dev.sourced.samples.cart.views.CustomerCarts;
import dev.sourced.samples.cart.views.CustomerCartsProjection;
import dev.sourced.spi.TableKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Reads every stream and every view of the sample after a run and asserts what must hold whatever
 * happened during it: no version gaps; the events of every 2xx command stored exactly once; nothing
 * stored that no 2xx command reported (a refused or failed command left nothing); every view equal to
 * the test kit's fold of the streams it reads, once the projections caught up.
 */
final class SystemCheck {
  private SystemCheck() {}

  /** What a check read. */
  record Figures(int streams, int events, int views) {}

  static Figures assertConsistent(LocalCloudExtension cloud, Ledger ledger) {
    LocalCloud local = cloud.cloud();
    DynamoDbEventStore store = DynamoDbEventStore.builder().dynamoDbClient(local.dynamoDb())
        .tableName(local.deployment().eventTable().name()).build();
    Map<String, List<StoredEvent>> streams = new TreeMap<>();
    for (String streamId : streamIds(local)) {
      streams.put(streamId, store.read(streamId, 0));
    }

    List<String> stored = new ArrayList<>();
    streams.forEach((streamId, events) -> {
      for (int i = 0; i < events.size(); i++) {
        assertThat(events.get(i).version()).as("version %d of %s (no gaps)", i + 1, streamId).isEqualTo(i + 1);
      }
      events.forEach(event -> stored.add(event.eventId()));
    });
    assertThat(stored).as("every stored event once").doesNotHaveDuplicates();
    assertThat(new HashSet<>(stored)).as("stored events = the events of 2xx commands")
        .isEqualTo(ledger.acceptedEventIds());

    CommandBus<ShoppingCart> bus = CommandBus.builder(SourcedApp.INSTANCE, ShoppingCart.class).codecs(SourcedAppJson.INSTANCE)
        .eventStore(store).build();
    ProjectionFixture<CartSummary> summaries = ProjectionFixture.of(CartSummaryProjection.class, CartSummary.class);
    ProjectionFixture<CustomerCarts> customers = ProjectionFixture.of(CustomerCartsProjection.class, CustomerCarts.class);
    streams.forEach((streamId, events) -> {
      for (StoredEvent event : events) {
        // each with its principal, as the projections read it from the event's metadata
        summaries.by(event.principal()).givenStream(streamId, bus.toRecord(event));
        customers.by(event.principal()).givenStream(streamId, bus.toRecord(event));
      }
      awaitCaughtUp(cloud, "cart-summary", streamId, events);
      awaitCaughtUp(cloud, "customer-carts", streamId, events);
    });
    Map<String, CartSummary> summaryViews = views(local, "cart-summary", CartSummary.class, CartSummary::cartId);
    Map<String, CustomerCarts> customerViews = views(local, "customer-carts", CustomerCarts.class, CustomerCarts::customerId);
    assertThat(summaryViews).as("cart-summary = the fold of every stream").isEqualTo(summaries.views());
    assertThat(customerViews).as("customer-carts = the fold of every stream").isEqualTo(customers.views());
    return new Figures(streams.size(), stored.size(), summaryViews.size() + customerViews.size());
  }

  /** Waits until the projection applied the last event of the stream it consumes. */
  private static void awaitCaughtUp(LocalCloudExtension cloud, String projection, String streamId, List<StoredEvent> events) {
    Set<String> consumed = new HashSet<>(cloud.cloud().deployment().pipeline(projection).rule().detailTypes());
    long last = events.stream().filter(e -> consumed.contains(e.type())).mapToLong(StoredEvent::version).max().orElse(0);
    if (last > 0) {
      cloud.awaitProjection(projection, streamId, last);
    }
  }

  private static Set<String> streamIds(LocalCloud local) {
    Set<String> ids = new TreeSet<>();
    ScanRequest request = ScanRequest.builder().tableName(local.deployment().eventTable().name())
        .filterExpression("#kind = :event").expressionAttributeNames(Map.of("#kind", "kind"))
        .expressionAttributeValues(Map.of(":event", AttributeValue.fromS("event"))).consistentRead(true).build();
    local.dynamoDb().scanPaginator(request).items().forEach(item -> ids.add(item.get(TableKeys.EVENTS_PARTITION).s()));
    return ids;
  }

  private static <V> Map<String, V> views(LocalCloud local, String projection, Class<V> type, Function<V, String> key) {
    DynamoDbViews<V> views = new DynamoDbViews<>(new ProjectionTable(local.dynamoDb(),
        local.deployment().pipeline(projection).table().name()), SourcedAppJson.INSTANCE, type);
    Map<String, V> all = new HashMap<>();
    String cursor = null;
    do {
      Page<V> page = views.list(100, cursor);
      page.items().forEach(view -> all.put(key.apply(view), view));
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }
}
