package dev.sourced.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.runtime.UniqueValueTakenException;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Unique values in the event store on DynamoDB Local: the reservation and the stream's record of its value are
 * written with the events, all or nothing, under conditions that keep a value with one stream.
 */
class UniqueValuesStoreTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static DynamoDbEventStore store;

  @BeforeAll
  static void start() {
    dynamoDb.createEventTable("events");
    store = DynamoDbEventStore.builder().dynamoDbClient(dynamoDb.client()).tableName("events").build();
  }

  private static String stream() {
    return "member#" + UUID.randomUUID();
  }

  private static String value() {
    return UUID.randomUUID() + "@example.com";
  }

  private static List<StoredEvent> events(String streamId, long after, int count) {
    List<StoredEvent> events = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      events.add(new StoredEvent(streamId, after + i, "Changed", 1, "{}", UUID.randomUUID().toString(),
          Instant.parse("2026-01-01T00:00:00Z"), "cmd", "corr", "cause", "anonymous"));
    }
    return events;
  }

  private static UniqueChange email(String from, String to) {
    return new UniqueChange("member", "email", from, to);
  }

  private static Map<String, AttributeValue> item(String partition) {
    return dynamoDb.client().getItem(r -> r.tableName("events").consistentRead(true).key(Map.of(
        "streamId", AttributeValue.fromS(partition), "version", AttributeValue.fromN("0")))).item();
  }

  @Test
  void aClaim_writesTheReservationAndTheStreamsRecord_withTheEvents() {
    String streamId = stream();
    String email = value();
    store.append(new AppendRequest(streamId, 0, events(streamId, 0, 1), null, List.of(email(null, email))));

    assertThat(store.uniqueValue(streamId, "email")).contains(email);
    Map<String, AttributeValue> reservation = item("unique#member#email#" + email);
    assertThat(reservation.get("kind").s()).isEqualTo("unique");
    assertThat(reservation.get("owner").s()).isEqualTo(streamId);
    Map<String, AttributeValue> record = item("unique-owner#" + streamId + "#email");
    assertThat(record.get("kind").s()).isEqualTo("unique-owner");
    assertThat(record.get("value").s()).isEqualTo(email);
    assertThat(store.read(streamId, 0)).hasSize(1);
  }

  @Test
  void aSecondClaimOfTheSameValue_isRefused_andWritesNothing() {
    String email = value();
    String first = stream();
    store.append(new AppendRequest(first, 0, events(first, 0, 1), null, List.of(email(null, email))));

    String second = stream();
    assertThatThrownBy(() -> store.append(new AppendRequest(second, 0, events(second, 0, 2), null, List.of(email(null, email)))))
        .isInstanceOfSatisfying(UniqueValueTakenException.class, e -> {
          assertThat(e.scope()).isEqualTo("email");
          assertThat(e.getMessage()).doesNotContain(email);
        });
    assertThat(store.read(second, 0)).isEmpty();
    assertThat(store.uniqueValue(second, "email")).isEmpty();
    assertThat(item("unique#member#email#" + email).get("owner").s()).isEqualTo(first);
  }

  @Test
  void theSameValueInAnotherScopeOrAggregate_isAnotherValue() {
    String email = value();
    String first = stream();
    store.append(new AppendRequest(first, 0, events(first, 0, 1), null, List.of(email(null, email))));
    String second = stream();
    store.append(new AppendRequest(second, 0, events(second, 0, 1), null,
        List.of(new UniqueChange("member", "login", null, email))));
    String third = "shop#" + UUID.randomUUID();
    store.append(new AppendRequest(third, 0, events(third, 0, 1), null, List.of(new UniqueChange("shop", "email", null, email))));

    assertThat(store.uniqueValue(second, "login")).contains(email);
    assertThat(store.uniqueValue(third, "email")).contains(email);
  }

  @Test
  void aMove_releasesTheOldValue_andClaimsTheNewOne() {
    String streamId = stream();
    String old = value();
    String moved = value();
    store.append(new AppendRequest(streamId, 0, events(streamId, 0, 1), null, List.of(email(null, old))));
    store.append(new AppendRequest(streamId, 1, events(streamId, 1, 1), null, List.of(email(old, moved))));

    assertThat(store.uniqueValue(streamId, "email")).contains(moved);
    assertThat(item("unique#member#email#" + old)).isEmpty();
    assertThat(item("unique#member#email#" + moved).get("owner").s()).isEqualTo(streamId);
    String other = stream();
    store.append(new AppendRequest(other, 0, events(other, 0, 1), null, List.of(email(null, old))));
    assertThat(store.uniqueValue(other, "email")).contains(old);
  }

  @Test
  void aMoveToATakenValue_isRefused_andTheStreamKeepsItsValue() {
    String taken = value();
    String holder = stream();
    store.append(new AppendRequest(holder, 0, events(holder, 0, 1), null, List.of(email(null, taken))));
    String streamId = stream();
    String own = value();
    store.append(new AppendRequest(streamId, 0, events(streamId, 0, 1), null, List.of(email(null, own))));

    assertThatThrownBy(() -> store.append(new AppendRequest(streamId, 1, events(streamId, 1, 1), null, List.of(email(own, taken)))))
        .isInstanceOf(UniqueValueTakenException.class);
    assertThat(store.read(streamId, 0)).hasSize(1);
    assertThat(store.uniqueValue(streamId, "email")).contains(own);
    assertThat(item("unique#member#email#" + own).get("owner").s()).isEqualTo(streamId);
  }

  @Test
  void aRelease_deletesBothItems_andTheValueCanBeClaimedAgain() {
    String streamId = stream();
    String email = value();
    store.append(new AppendRequest(streamId, 0, events(streamId, 0, 1), null, List.of(email(null, email))));
    store.append(new AppendRequest(streamId, 1, events(streamId, 1, 1), null, List.of(email(email, null))));

    assertThat(store.uniqueValue(streamId, "email")).isEmpty();
    assertThat(item("unique#member#email#" + email)).isEmpty();
    String other = stream();
    store.append(new AppendRequest(other, 0, events(other, 0, 1), null, List.of(email(null, email))));
    assertThat(store.uniqueValue(other, "email")).contains(email);
  }

  @Test
  void aChangeFromAValueTheStreamNoLongerHolds_isAConflict_andWritesNothing() {
    String streamId = stream();
    String email = value();
    store.append(new AppendRequest(streamId, 0, events(streamId, 0, 1), null, List.of(email(null, email))));

    // decided on a stale read of the stream's value: reload and decide again
    assertThatThrownBy(() -> store.append(new AppendRequest(streamId, 1, events(streamId, 1, 1), null,
        List.of(email("stale@example.com", value())))))
        .isInstanceOf(WrongExpectedVersionException.class);
    assertThat(store.read(streamId, 0)).hasSize(1);
    assertThat(store.uniqueValue(streamId, "email")).contains(email);
  }

  @Test
  void releasingAReservationAnotherStreamHolds_fails_andWritesNothing() {
    String email = value();
    String holder = stream();
    store.append(new AppendRequest(holder, 0, events(holder, 0, 1), null, List.of(email(null, email))));
    // a stream whose record names the value without holding its reservation: written by other means than appends
    String streamId = stream();
    dynamoDb.client().putItem(r -> r.tableName("events").item(Map.of("streamId", AttributeValue.fromS("unique-owner#" + streamId + "#email"),
        "version", AttributeValue.fromN("0"), "kind", AttributeValue.fromS("unique-owner"), "value", AttributeValue.fromS(email))));
    store.append(new AppendRequest(streamId, 0, events(streamId, 0, 1), null));

    assertThatThrownBy(() -> store.append(new AppendRequest(streamId, 1, events(streamId, 1, 1), null, List.of(email(email, null)))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("another stream holds");
    assertThat(item("unique#member#email#" + email).get("owner").s()).isEqualTo(holder);
    assertThat(store.read(streamId, 0)).hasSize(1);
  }

  @Test
  void aRepeatedCommand_isToldByItsIdempotencyRecord_notByTheValueItTookTheFirstTime() {
    String streamId = stream();
    String email = value();
    IdempotencyRecord record = new IdempotencyRecord(streamId + "#k", "fp", 201, "{\"first\":true}",
        Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    store.append(new AppendRequest(streamId, 0, events(streamId, 0, 1), record, List.of(email(null, email))));

    assertThatThrownBy(() -> store.append(new AppendRequest(streamId, 0, events(streamId, 0, 1), record, List.of(email(null, email)))))
        .isInstanceOfSatisfying(IdempotencyKeyExistsException.class, e -> assertThat(e.record()).isEqualTo(record));
  }

  @Test
  void aClaimForAStreamThatExists_isAVersionConflict_notATakenValue() {
    String streamId = stream();
    String email = value();
    store.append(new AppendRequest(streamId, 0, events(streamId, 0, 1), null, List.of(email(null, email))));

    assertThatThrownBy(() -> store.append(new AppendRequest(streamId, 0, events(streamId, 0, 1), null, List.of(email(null, email)))))
        .isInstanceOf(WrongExpectedVersionException.class);
  }

  @Test
  void itemsAtVersionZero_areNeverEventsOfAStream_whateverTheirKey() {
    // an aggregate named "unique" with the id "member#email#<value>" has the reservation's key as its stream id
    String email = value();
    String owner = stream();
    store.append(new AppendRequest(owner, 0, events(owner, 0, 1), null, List.of(email(null, email))));
    String lookalike = "unique#member#email#" + email;
    store.append(new AppendRequest(lookalike, 0, events(lookalike, 0, 2), null));

    assertThat(store.readTail(lookalike, 10).events()).extracting(StoredEvent::version).containsExactly(1L, 2L);
    assertThat(store.readTail(lookalike, 10).fromStart()).isTrue();
    assertThat(store.read(lookalike, 0)).extracting(StoredEvent::version).containsExactly(1L, 2L);
  }

  @Test
  void anAppendBeyondTheTransactionLimit_isRefusedBeforeWriting() {
    String streamId = stream();
    List<UniqueChange> changes = List.of(email(null, value()), new UniqueChange("member", "login", null, value()));
    assertThatThrownBy(() -> store.append(new AppendRequest(streamId, 0, events(streamId, 0, 97), null, changes)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 100 items");
    assertThat(store.read(streamId, 0)).isEmpty();
  }
}
