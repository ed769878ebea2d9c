package dev.sourced.local.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sourced.local.eventbridge.LocalBus;
import dev.sourced.local.eventbridge.LocalEventBridge;
import dev.sourced.local.sqs.LocalSqs;
import dev.sourced.runtime.event.EventEnvelope;
import dev.sourced.runtime.publish.EventPublisher;
import dev.sourced.runtime.store.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The publisher against a local EventBridge (real SDK client, PutEvents over HTTP, event-ruler matching). */
class EventPublisherTest {
  private static LocalBus local;
  private static LocalSqs sqs;
  private static LocalEventBridge bus;
  private static EventBridgeClient client;
  private static EventPublisher publisher;
  private static String queueUrl;

  @BeforeAll
  static void start() {
    local = LocalBus.start();
    sqs = local.sqs();
    bus = local.bus();
    client = local.client();
    queueUrl = sqs.createQueueWithDeadLetterQueue("all-events", "all-events-dlq", 5, 30);
    bus.addRule("all", "{\"source\":[\"bank\"]}", queueUrl);
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @BeforeEach
  void reset() {
    bus.failEntries(entry -> false);
    // a fresh container per test: a publisher skips the events it already published, and the tests reuse event ids
    publisher = new EventPublisher(client, "bank-bus", "bank", line -> { });
  }

  private static DynamodbEvent.DynamodbStreamRecord record(String sequence, Map<String, AttributeValue> image) {
    DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
    record.setEventName("INSERT");
    StreamRecord stream = new StreamRecord();
    stream.setSequenceNumber(sequence);
    stream.setNewImage(image);
    record.setDynamodb(stream);
    return record;
  }

  private static Map<String, AttributeValue> eventImage(String streamId, long version, String data) {
    Map<String, AttributeValue> image = new HashMap<>();
    image.put("streamId", new AttributeValue().withS(streamId));
    image.put("version", new AttributeValue().withN(Long.toString(version)));
    image.put("kind", new AttributeValue().withS("event"));
    image.put("type", new AttributeValue().withS("Deposited"));
    image.put("revision", new AttributeValue().withN("2"));
    image.put("data", new AttributeValue().withS(data));
    image.put("eventId", new AttributeValue().withS(streamId + "@" + version));
    image.put("timestamp", new AttributeValue().withS("2026-11-21T17:00:00Z"));
    image.put("commandId", new AttributeValue().withS("cmd-" + version));
    image.put("meta", new AttributeValue().withM(Map.of("correlationId", new AttributeValue().withS("corr"),
        "principal", new AttributeValue().withS("arn:aws:iam::123456789012:user/alice"))));
    return image;
  }

  private static DynamodbEvent batch(int events, int idempotencyAt) {
    List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
    for (int i = 1; i <= events; i++) {
      if (i == idempotencyAt) {
        records.add(record("seq-idem", Map.of("streamId", new AttributeValue().withS("idempotency#account#a1#k"),
            "version", new AttributeValue().withN("0"), "kind", new AttributeValue().withS("idempotency"))));
      }
      records.add(record(String.format("seq-%03d", i), eventImage("account#a1", i, "{\"accountId\":\"a1\",\"cents\":" + i + "}")));
    }
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(records);
    return event;
  }

  private static List<Long> versionsReceived() {
    List<Long> versions = new ArrayList<>();
    for (JsonNode event : bus.received()) {
      versions.add(event.get("detail").get("version").asLong());
    }
    return versions;
  }

  @Test
  void everyEvent_isPublished_asADocumentedEnvelope_inBatchesOfAtMostTen_andOtherItemsAreIgnored() {
    int before = bus.received().size();
    StreamsEventResponse response = publisher.publish(batch(23, 7));
    assertThat(response.getBatchItemFailures()).isEmpty();
    List<JsonNode> received = bus.received().subList(before, bus.received().size());
    assertThat(received).hasSize(23);
    JsonNode first = received.get(0);
    assertThat(first.get("source").asText()).isEqualTo("bank");
    assertThat(first.get("detail-type").asText()).isEqualTo("Deposited");
    StoredEvent envelope = EventEnvelope.parse(first.toString());
    assertThat(envelope.streamId()).isEqualTo("account#a1");
    assertThat(envelope.version()).isEqualTo(1);
    assertThat(envelope.revision()).isEqualTo(2);
    assertThat(envelope.data()).isEqualTo("{\"accountId\":\"a1\",\"cents\":1}");
    assertThat(envelope.correlationId()).isEqualTo("corr");
    assertThat(first.get("detail").get("metadata").get("principal").asText()).isEqualTo("arn:aws:iam::123456789012:user/alice");
    assertThat(envelope.principal()).isEqualTo("arn:aws:iam::123456789012:user/alice");
    assertThat(envelope.timestamp()).isEqualTo(Instant.parse("2026-11-21T17:00:00Z"));
  }

  @Test
  void failedEntry_isReportedWithEveryRecordAfterIt_andARetryLosesNothing() {
    int before = bus.received().size();
    // EventBridge refuses version 5 once
    bus.failEntries(entry -> entry.path("Detail").asText().contains("\"version\":5,"));
    DynamodbEvent batch = batch(12, 99);
    StreamsEventResponse response = publisher.publish(batch);

    List<String> retry = response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    assertThat(retry).first().isEqualTo("seq-005");
    assertThat(retry).containsExactly("seq-005", "seq-006", "seq-007", "seq-008", "seq-009", "seq-010", "seq-011", "seq-012");
    List<Long> firstTry = versionsReceived().subList(before, bus.received().size());
    assertThat(firstTry).doesNotContain(5L);

    // Lambda retries from the reported sequence number
    bus.failEntries(entry -> false);
    DynamodbEvent retryBatch = new DynamodbEvent();
    retryBatch.setRecords(batch.getRecords().subList(4, batch.getRecords().size()));
    assertThat(publisher.publish(retryBatch).getBatchItemFailures()).isEmpty();
    List<Long> all = versionsReceived().subList(before, bus.received().size());
    assertThat(all).containsAll(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L));
  }

  @Test
  void eventTooLargeForEventBridge_isPublishedWithoutData_forConsumersToReadFromTheStore() {
    int before = bus.received().size();
    String big = "{\"accountId\":\"a1\",\"note\":\"" + "x".repeat(300 * 1024) + "\"}";
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(List.of(record("seq-big", eventImage("account#a2", 1, big))));
    assertThat(publisher.publish(event).getBatchItemFailures()).isEmpty();
    JsonNode received = bus.received().get(before);
    assertThat(received.get("detail").get("dataOmitted").asBoolean()).isTrue();
    assertThat(EventEnvelope.parse(received.toString()).data()).isNull();
    assertThat(EventEnvelope.parse(received.toString()).principal()).isEqualTo("arn:aws:iam::123456789012:user/alice");
  }

  @Test
  void matchingEvents_reachTheRulesQueue() {
    int depth = sqs.depth(queueUrl);
    publisher.publish(batch(3, 99));
    assertThat(sqs.depth(queueUrl)).isEqualTo(depth + 3);
  }
}
