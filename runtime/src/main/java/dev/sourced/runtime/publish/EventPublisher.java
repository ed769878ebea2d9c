package dev.sourced.runtime.publish;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.sourced.runtime.event.EventEnvelope;
import dev.sourced.runtime.store.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** Publishes new event items of a DynamoDB stream batch to an EventBridge bus. */
public final class EventPublisher {
  /** PutEvents takes at most 10 entries ... */
  public static final int MAX_ENTRIES = 10;
  /** ... of at most 256 KB together (and each). */
  public static final int MAX_BATCH_BYTES = 256 * 1024;

  private final EventBridgeClient eventBridge;
  private final String busName;
  private final String source;
  private final Consumer<String> log;

  /**
   * @param eventBridge the client
   * @param busName the bus
   * @param source the application's name, the {@code source} of every entry
   * @param log where one JSON line per batch goes
   */
  public EventPublisher(EventBridgeClient eventBridge, String busName, String source, Consumer<String> log) {
    this.eventBridge = Objects.requireNonNull(eventBridge, "eventBridge");
    this.busName = Objects.requireNonNull(busName, "busName");
    this.source = Objects.requireNonNull(source, "source");
    this.log = log;
  }

  /** One stream record that is an event, with the entry that publishes it. */
  private record Pending(String sequenceNumber, PutEventsRequestEntry entry, int bytes) {}

  /**
   * @param batch a DynamoDB stream batch
   * @return the records to retry: the first one not published and every one after it
   */
  public StreamsEventResponse publish(DynamodbEvent batch) {
    List<String> sequence = new ArrayList<>();
    List<Pending> pending = new ArrayList<>();
    for (DynamodbEvent.DynamodbStreamRecord record : batch.getRecords()) {
      sequence.add(record.getDynamodb().getSequenceNumber());
      StoredEvent event = eventOf(record);
      if (event != null) {
        pending.add(entry(record.getDynamodb().getSequenceNumber(), event));
      }
    }
    int published = 0;
    String failedAt = null;
    List<Pending> chunk = new ArrayList<>();
    int chunkBytes = 0;
    for (int i = 0; i <= pending.size() && failedAt == null; i++) {
      Pending next = i < pending.size() ? pending.get(i) : null;
      if (next == null || chunk.size() == MAX_ENTRIES || chunkBytes + next.bytes() > MAX_BATCH_BYTES) {
        if (!chunk.isEmpty()) {
          failedAt = put(chunk);
          published += failedAt == null ? chunk.size() : indexOf(chunk, failedAt);
        }
        chunk = new ArrayList<>();
        chunkBytes = 0;
      }
      if (next != null) {
        chunk.add(next);
        chunkBytes += next.bytes();
      }
    }
    List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
    if (failedAt != null) {
      for (String number : sequence.subList(sequence.indexOf(failedAt), sequence.size())) {
        failures.add(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(number).build());
      }
    }
    if (log != null) {
      log.accept("{\"publisher\":\"" + busName + "\",\"records\":" + sequence.size() + ",\"events\":" + pending.size()
          + ",\"published\":" + published + ",\"retryFrom\":" + (failedAt == null ? "null" : "\"" + failedAt + "\"") + "}");
    }
    return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
  }

  /** @return the sequence number of the first entry that failed, or null when all were accepted */
  private String put(List<Pending> chunk) {
    PutEventsResponse response;
    try {
      response = eventBridge.putEvents(r -> r.entries(chunk.stream().map(Pending::entry).toList()));
    } catch (SdkException e) {
      return chunk.get(0).sequenceNumber();
    }
    if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
      return null;
    }
    List<PutEventsResultEntry> results = response.entries();
    for (int i = 0; i < chunk.size(); i++) {
      if (i >= results.size() || results.get(i).errorCode() != null) {
        return chunk.get(i).sequenceNumber();
      }
    }
    return null;
  }

  private static int indexOf(List<Pending> chunk, String sequenceNumber) {
    for (int i = 0; i < chunk.size(); i++) {
      if (chunk.get(i).sequenceNumber().equals(sequenceNumber)) {
        return i;
      }
    }
    return chunk.size();
  }

  private Pending entry(String sequenceNumber, StoredEvent event) {
    String detail = EventEnvelope.detail(event, true);
    int bytes = size(event.type(), detail);
    if (bytes > MAX_BATCH_BYTES) {
      detail = EventEnvelope.detail(event, false); // claim check: consumers read the event from the store
      bytes = size(event.type(), detail);
    }
    PutEventsRequestEntry entry = PutEventsRequestEntry.builder()
        .eventBusName(busName)
        .source(source)
        .detailType(event.type())
        .detail(detail)
        .time(event.timestamp())
        .build();
    return new Pending(sequenceNumber, entry, bytes);
  }

  /** EventBridge's entry size: time (14 bytes) plus source, detail-type and detail in UTF-8. */
  private int size(String detailType, String detail) {
    return 14 + source.getBytes(StandardCharsets.UTF_8).length + detailType.getBytes(StandardCharsets.UTF_8).length
        + detail.getBytes(StandardCharsets.UTF_8).length;
  }

  /** @return the event a stream record inserted, or null for other records (idempotency items, updates, removes) */
  static StoredEvent eventOf(DynamodbEvent.DynamodbStreamRecord record) {
    if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null || record.getDynamodb().getNewImage() == null) {
      return null;
    }
    Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
    if (image.get("kind") == null || !"event".equals(image.get("kind").getS())) {
      return null;
    }
    Map<String, AttributeValue> meta = image.get("meta") != null && image.get("meta").getM() != null ? image.get("meta").getM() : Map.of();
    return new StoredEvent(
        image.get("streamId").getS(),
        Long.parseLong(image.get("version").getN()),
        image.get("type").getS(),
        Integer.parseInt(image.get("revision").getN()),
        image.get("data").getS(),
        image.get("eventId").getS(),
        Instant.parse(image.get("timestamp").getS()),
        text(image.get("commandId")),
        text(meta.get("correlationId")),
        text(meta.get("causationId")));
  }

  private static String text(AttributeValue value) {
    return value == null ? null : value.getS();
  }
}
