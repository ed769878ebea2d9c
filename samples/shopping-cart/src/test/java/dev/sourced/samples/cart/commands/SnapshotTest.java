package dev.sourced.samples.cart.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.api.DomainException;
import dev.sourced.runtime.command.CommandBus;
import dev.sourced.runtime.command.CommandOptions;
import dev.sourced.runtime.store.AppendRequest;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.SnapshotStore;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.samples.cart.SourcedApp;
import dev.sourced.samples.cart.SourcedAppJson;
import dev.sourced.samples.cart.domain.AddItem;
import dev.sourced.samples.cart.domain.CartCheckedOut;
import dev.sourced.samples.cart.domain.CartState;
import dev.sourced.samples.cart.domain.OpenCart;
import dev.sourced.samples.cart.domain.RemoveItem;
import dev.sourced.samples.cart.domain.ShoppingCart;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** ShoppingCart snapshots every 50 events: used to load, never trusted over the events after them. */
class SnapshotTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static DynamoDbClient client;
  private static DynamoDbEventStore events;
  private static SnapshotStore snapshots;
  private static CommandBus<ShoppingCart> bus;
  private static final String SCHEMA = SourcedApp.INSTANCE.aggregate(ShoppingCart.class).orElseThrow().snapshotSchema();

  @BeforeAll
  static void start() {
    dynamoDb.createEventTable("events");
    dynamoDb.createSnapshotTable("snapshots");
    client = dynamoDb.client();
    events = DynamoDbEventStore.builder().dynamoDbClient(client).tableName("events").build();
    snapshots = new SnapshotStore(client, "snapshots");
    bus = CommandBus.builder(SourcedApp.INSTANCE, ShoppingCart.class).codecs(SourcedAppJson.INSTANCE)
        .eventStore(events).snapshotStore(snapshots)
        .cachedStreams(0) // every command loads its stream: these tests are about loading
        .build();
  }


  /** Opens a cart and adds SKUs s1..s{adds}. */
  private static String cartWith(int adds) {
    String cartId = "snap-" + UUID.randomUUID();
    bus.handle(new OpenCart(cartId, "u1"), CommandOptions.NONE);
    for (int i = 1; i <= adds; i++) {
      bus.handle(new AddItem(cartId, "s" + i, 1), CommandOptions.NONE);
    }
    return cartId;
  }

  private static void append(String cartId, long after, Record event) {
    events.append(new AppendRequest("shopping-cart#" + cartId, after, List.of(new StoredEvent("shopping-cart#" + cartId,
        after + 1, SourcedApp.INSTANCE.event(event.getClass()).orElseThrow().name(), 1, SourcedAppJson.INSTANCE.toJson(event),
        UUID.randomUUID().toString(), Instant.now(), "test", null, null, null)), null));
  }

  @Test
  void snapshot_isWrittenWhenTheStreamCrossesAMultipleOf50() {
    String cartId = cartWith(48); // versions 1..49: no snapshot yet
    assertThat(snapshots.latest("shopping-cart#" + cartId)).isEmpty();
    bus.handle(new AddItem(cartId, "s49", 1), CommandOptions.NONE); // version 50
    SnapshotStore.Snapshot snapshot = snapshots.latest("shopping-cart#" + cartId).orElseThrow();
    assertThat(snapshot.version()).isEqualTo(50);
    assertThat(snapshot.schema()).isEqualTo(SCHEMA);
    CartState state = SourcedAppJson.INSTANCE.fromJson(CartState.class, snapshot.data());
    assertThat(state.items()).hasSize(49);
    assertThat(state.checkedOut()).isFalse();
  }

  @Test
  void eventsAfterTheSnapshot_areAlwaysApplied() {
    String cartId = cartWith(49); // snapshot at 50
    append(cartId, 50, new CartCheckedOut(cartId, "u1")); // written past the snapshot, which does not know it
    assertThatThrownBy(() -> bus.handle(new AddItem(cartId, "x", 1), CommandOptions.NONE))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code()).isEqualTo("cart-checked-out");
  }

  @Test
  void snapshotIsActuallyUsed_forTheStateBeforeIt() {
    String cartId = cartWith(49); // snapshot at 50 with s1..s49
    // a snapshot (same schema) that says s1 was never added: if loading uses it, removing s1 is refused.
    // save() only moves forward, so the real one at version 50 is deleted first
    client.deleteItem(r -> r.tableName("snapshots").key(Map.of("streamId",
        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("shopping-cart#" + cartId))));
    snapshots.save(new SnapshotStore.Snapshot("shopping-cart#" + cartId, 50, SCHEMA,
        SourcedAppJson.INSTANCE.toJson(new CartState("u1", Map.of("s2", 1), false))));
    assertThatThrownBy(() -> bus.handle(new RemoveItem(cartId, "s1"), CommandOptions.NONE))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code()).isEqualTo("item-not-in-cart");
  }

  @Test
  void snapshotOfAnotherShape_orUnreadable_isIgnored_andEveryEventReplayed() {
    String cartId = cartWith(49);
    String streamId = "shopping-cart#" + cartId;
    client.deleteItem(r -> r.tableName("snapshots").key(Map.of("streamId",
        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(streamId))));
    snapshots.save(new SnapshotStore.Snapshot(streamId, 50, "an-older-shape",
        SourcedAppJson.INSTANCE.toJson(new CartState("u1", Map.of(), true))));
    bus.handle(new RemoveItem(cartId, "s1"), CommandOptions.NONE); // the stale snapshot says checked out: ignored

    client.deleteItem(r -> r.tableName("snapshots").key(Map.of("streamId",
        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(streamId))));
    snapshots.save(new SnapshotStore.Snapshot(streamId, 51, SCHEMA, "{not json"));
    bus.handle(new RemoveItem(cartId, "s2"), CommandOptions.NONE);
    assertThat(events.read(streamId, 0)).hasSize(52);
  }
}
