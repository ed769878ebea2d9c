package dev.sourced.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.runtime.EventTooLargeException;
import dev.sourced.runtime.testing.DynamoDbLocalExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The event store on DynamoDB Local: real conditional writes, transactions and paging. */
class DynamoDbEventStoreTest {
  @RegisterExtension
  static final DynamoDbLocalExtension dynamoDb = new DynamoDbLocalExtension();
  private static DynamoDbEventStore store;

  @BeforeAll
  static void start() {
    dynamoDb.createEventTable("events");
    store = DynamoDbEventStore.builder().dynamoDbClient(dynamoDb.client()).tableName("events").build();
  }

  private static String stream() {
    return "cart#" + UUID.randomUUID();
  }

  private static List<StoredEvent> events(String streamId, long after, int count, String data) {
    List<StoredEvent> events = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      events.add(new StoredEvent(streamId, after + i, "ItemAdded", 2, data, UUID.randomUUID().toString(),
          Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), "cmd", "corr", "cause", "arn:aws:iam::123456789012:user/alice"));
    }
    return events;
  }

  @Test
  void appendedEvents_readBackInOrder_withAllTheirAttributes() {
    String streamId = stream();
    List<StoredEvent> first = events(streamId, 0, 3, "{\"n\":1}");
    store.append(new AppendRequest(streamId, 0, first, null));
    List<StoredEvent> second = events(streamId, 3, 2, "{\"n\":2}");
    store.append(new AppendRequest(streamId, 3, second, null));

    List<StoredEvent> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(store.read(streamId, 0)).containsExactlyElementsOf(all);
    assertThat(store.read(streamId, 3)).containsExactlyElementsOf(second);
  }

  @Test
  void appendAtAStaleVersion_writesNothing() {
    String streamId = stream();
    store.append(new AppendRequest(streamId, 0, events(streamId, 0, 2, "{}"), null));

    assertThatThrownBy(() -> store.append(new AppendRequest(streamId, 1, events(streamId, 1, 3, "{}"), null)))
        .isInstanceOf(WrongExpectedVersionException.class);
    assertThatThrownBy(() -> store.append(new AppendRequest(streamId, 1, events(streamId, 1, 1, "{}"), null)))
        .isInstanceOf(WrongExpectedVersionException.class);
    // the transaction was all or nothing: version 3 and 4 of the rejected append are not there
    assertThat(store.read(streamId, 0)).extracting(StoredEvent::version).containsExactly(1L, 2L);
  }

  @Test
  void idempotencyRecord_commitsWithTheEvents_andASecondUseIsRefused() {
    String streamId = stream();
    IdempotencyRecord record = new IdempotencyRecord(streamId + "#k1", "fp", 201, "{\"ok\":true}",
        Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    store.append(new AppendRequest(streamId, 0, events(streamId, 0, 1, "{}"), record));
    assertThat(store.idempotencyRecord(streamId + "#k1")).contains(record);

    assertThatThrownBy(() -> store.append(new AppendRequest(streamId, 1, events(streamId, 1, 1, "{}"), record)))
        .isInstanceOf(IdempotencyKeyExistsException.class);
    assertThat(store.read(streamId, 0)).hasSize(1);
  }

  @Test
  void idempotencyRecords_areNotEventsOfTheStream() {
    String streamId = stream();
    IdempotencyRecord record = new IdempotencyRecord(streamId + "#k", "fp", 200, "{}", Instant.now().plusSeconds(60));
    store.append(new AppendRequest(streamId, 0, events(streamId, 0, 1, "{}"), record));
    assertThat(store.read(streamId, 0)).extracting(StoredEvent::streamId).containsOnly(streamId);
  }

  @Test
  void expiredIdempotencyRecord_doesNotCount() {
    String streamId = stream();
    IdempotencyRecord record = new IdempotencyRecord(streamId + "#old", "fp", 200, "{}", Instant.now().minusSeconds(5));
    store.append(new AppendRequest(streamId, 0, List.of(), record));
    assertThat(store.idempotencyRecord(streamId + "#old")).isEmpty();
  }

  @Test
  void aLiveIdempotencyRecord_comesBackWithTheRefusal_soNoReadIsNeeded() {
    String streamId = stream();
    IdempotencyRecord record = new IdempotencyRecord(streamId + "#k", "fp", 200, "{\"first\":true}",
        Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    store.append(new AppendRequest(streamId, 0, events(streamId, 0, 1, "{}"), record));
    IdempotencyRecord again = new IdempotencyRecord(streamId + "#k", "fp2", 200, "{}", record.expiresAt());

    // with events: a transaction; without: a single conditional PutItem
    assertThatThrownBy(() -> store.append(new AppendRequest(streamId, 1, events(streamId, 1, 1, "{}"), again)))
        .isInstanceOfSatisfying(IdempotencyKeyExistsException.class, e -> assertThat(e.record()).isEqualTo(record));
    assertThatThrownBy(() -> store.append(new AppendRequest(streamId, 1, List.of(), again)))
        .isInstanceOfSatisfying(IdempotencyKeyExistsException.class, e -> assertThat(e.record()).isEqualTo(record));
    assertThat(store.read(streamId, 0)).hasSize(1);
  }

  @Test
  void anExpiredIdempotencyRecord_thatTtlHasNotDeletedYet_isReplacedByTheNextAppend() {
    String streamId = stream();
    IdempotencyRecord old = new IdempotencyRecord(streamId + "#k", "fp", 200, "{}",
        Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS));
    store.append(new AppendRequest(streamId, 0, events(streamId, 0, 1, "{}"), old));
    IdempotencyRecord fresh = new IdempotencyRecord(streamId + "#k", "fp2", 201, "{\"second\":true}",
        Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));

    store.append(new AppendRequest(streamId, 1, events(streamId, 1, 1, "{}"), fresh));
    assertThat(store.idempotencyRecord(streamId + "#k")).contains(fresh);
  }

  @Test
  void readTail_givesTheNewestEventsOldestFirst_andWhetherTheyBeginTheStream() {
    String streamId = stream();
    assertThat(store.readTail(streamId, 3)).isEqualTo(new StreamTail(List.of(), true));
    List<StoredEvent> all = events(streamId, 0, 5, "{}");
    store.append(new AppendRequest(streamId, 0, all, null));

    // what deciding reads, and nothing else: ids, times and metadata stay in the table
    List<StoredEvent> deciding = all.stream().map(e -> new StoredEvent(e.streamId(), e.version(), e.type(), e.revision(), e.data(),
        null, null, null, null, null, null)).toList();
    StreamTail newest = store.readTail(streamId, 3);
    assertThat(newest.events()).containsExactlyElementsOf(deciding.subList(2, 5));
    assertThat(newest.fromStart()).isFalse();
    assertThat(newest.firstVersion()).isEqualTo(3);
    assertThat(store.readTail(streamId, 5)).isEqualTo(new StreamTail(deciding, true));
    assertThat(store.readTail(streamId, 50)).isEqualTo(new StreamTail(deciding, true));
  }

  @Test
  void oversizedEvent_isRejectedBeforeAnythingIsWritten() {
    String streamId = stream();
    List<StoredEvent> events = new ArrayList<>(events(streamId, 0, 1, "{}"));
    events.addAll(events(streamId, 1, 1, "\"" + "x".repeat(410 * 1024) + "\""));
    assertThatThrownBy(() -> store.append(new AppendRequest(streamId, 0, events, null)))
        .isInstanceOf(EventTooLargeException.class)
        .hasMessageContaining("DynamoDB allows 409600");
    assertThat(store.read(streamId, 0)).isEmpty();
  }

  @Test
  void longStreams_areReadAcrossQueryPages() {
    String streamId = stream();
    String big = "\"" + "y".repeat(90 * 1024) + "\"";
    long version = 0;
    for (int batch = 0; batch < 5; batch++) {
      store.append(new AppendRequest(streamId, version, events(streamId, version, 6, big), null));
      version += 6;
    }
    // 30 items of ~90 KB are ~2.7 MB: Query returns at most 1 MB per page
    assertThat(store.read(streamId, 0)).extracting(StoredEvent::version)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 30).boxed().toList());
  }
}
