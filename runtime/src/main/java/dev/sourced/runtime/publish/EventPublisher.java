package dev.sourced.runtime.publish;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.sourced.runtime.event.EventEnvelope;
import dev.sourced.runtime.log.LogLine;
import dev.sourced.runtime.store.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes new event items of a DynamoDB stream batch to an EventBridge bus, so that no single record can
 * hold the stream up:
 *
 * <ul>
 *   <li>An entry EventBridge refuses for a reason that passes (throttling, an internal failure, no answer)
 *       is retried: it and every later record are reported as batch item failures, so the stream mapping
 *       retries from exactly there (some events are then published twice; projections drop duplicates).
 *   <li>An entry EventBridge refuses for what it holds (e.g. {@code MalformedDetail}, or a request it refuses
 *       with a 4xx, which is then sent again entry by entry to find the entry) is published again
 *       without its data and metadata, as an oversized event is ({@code "dataOmitted": true}); projections
 *       read the event from the store. Logged at WARN.
 *   <li>A record that cannot be published even so, or cannot be read, is unpublishable: it is logged at
 *       ERROR and reported alone as a batch item failure, while every other record of the batch is
 *       published. The mapping retries from it until its {@code maxRetries} are spent and then gives the
 *       batch's rest up to the publisher's failure queue, once; the records after it were published
 *       meanwhile. Events this container already published are not published again on those retries.
 * </ul>
 */
public final class EventPublisher {
  /** PutEvents takes at most 10 entries ... */
  public static final int MAX_ENTRIES = 10;
  /** ... of at most 256 KB together (and each). */
  public static final int MAX_BATCH_BYTES = 256 * 1024;
  /** Entry error codes that say "try again", not "this entry is wrong". */
  static final Set<String> TRANSIENT_ERRORS = Set.of("InternalFailure", "InternalException", "ThrottlingException",
      "ServiceUnavailable", "ServiceUnavailableException");
  /** How many published event ids a container remembers, to skip them when a batch is retried. */
  private static final int REMEMBERED = 10_000;

  private final EventBridgeClient eventBridge;
  private final String busName;
  private final String source;
  private final Consumer<String> log;
  private final Set<String> published = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  });

  /**
   * @param eventBridge the client
   * @param busName the bus
   * @param source the application's name, the {@code source} of every entry
   * @param log where the JSON log lines go: one per batch, one per record isolated
   */
  public EventPublisher(EventBridgeClient eventBridge, String busName, String source, Consumer<String> log) {
    this.eventBridge = Objects.requireNonNull(eventBridge, "eventBridge");
    this.busName = Objects.requireNonNull(busName, "busName");
    this.source = Objects.requireNonNull(source, "source");
    this.log = log;
  }

  /** What became of one record. */
  private enum Outcome { PENDING, PUBLISHED, TRANSIENT, REFUSED, UNPUBLISHABLE }

  /** One stream record that is an event, with the entry that publishes it and its outcome. */
  private static final class Pending {
    final int index;
    final String sequenceNumber;
    final StoredEvent event;
    PutEventsRequestEntry entry;
    int bytes;
    Outcome outcome = Outcome.PENDING;
    String errorCode;
    String errorMessage;

    Pending(int index, String sequenceNumber, StoredEvent event) {
      this.index = index;
      this.sequenceNumber = sequenceNumber;
      this.event = event;
    }
  }

  /**
   * @param batch a DynamoDB stream batch
   * @return the records to retry: every unpublishable record, and the first one refused for a passing
   *     reason with every one after it
   */
  public synchronized StreamsEventResponse publish(DynamodbEvent batch) {
    List<DynamodbEvent.DynamodbStreamRecord> records = batch.getRecords() == null ? List.of() : batch.getRecords();
    List<String> sequence = new ArrayList<>();
    List<Pending> pending = new ArrayList<>();
    List<Integer> unreadable = new ArrayList<>();
    int alreadyPublished = 0;
    for (int i = 0; i < records.size(); i++) {
      DynamodbEvent.DynamodbStreamRecord record = records.get(i);
      String sequenceNumber = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
      sequence.add(sequenceNumber);
      StoredEvent event;
      try {
        event = eventOf(record);
      } catch (RuntimeException e) {
        unreadable.add(i);
        LogLine.error("stream record is not a readable event; it is given up").put("service", source).put("bus", busName)
            .put("sequenceNumber", sequenceNumber).unexpected(e).writeTo(log);
        continue;
      }
      if (event == null) {
        continue;
      }
      if (published.contains(event.eventId())) {
        alreadyPublished++;
        continue;
      }
      Pending next = new Pending(i, sequenceNumber, event);
      entry(next, true);
      pending.add(next);
    }
    putAll(pending);
    List<Pending> refused = pending.stream().filter(p -> p.outcome == Outcome.REFUSED).toList();
    for (Pending p : refused) {
      LogLine.warn("EventBridge refused the event; publishing it without data, consumers read it from the store")
          .put("service", source).put("bus", busName).put("streamId", p.event.streamId()).put("version", p.event.version())
          .put("eventId", p.event.eventId()).put("correlationId", p.event.correlationId())
          .put("errorCode", p.errorCode).put("errorMessage", p.errorMessage).writeTo(log);
      entry(p, false);
      p.outcome = Outcome.PENDING;
    }
    putAll(refused);
    for (Pending p : refused) {
      if (p.outcome == Outcome.REFUSED) {
        p.outcome = Outcome.UNPUBLISHABLE;
        LogLine.error("EventBridge refused the event even without its data; it is given up to the publisher's failure queue")
            .put("service", source).put("bus", busName).put("streamId", p.event.streamId()).put("version", p.event.version())
            .put("eventId", p.event.eventId()).put("correlationId", p.event.correlationId()).put("sequenceNumber", p.sequenceNumber)
            .put("errorCode", p.errorCode).put("errorMessage", p.errorMessage).writeTo(log);
      }
    }

    int retryFrom = pending.stream().filter(p -> p.outcome == Outcome.TRANSIENT).mapToInt(p -> p.index).min().orElse(records.size());
    List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
    List<Integer> unpublishable = new ArrayList<>(unreadable);
    pending.stream().filter(p -> p.outcome == Outcome.UNPUBLISHABLE).forEach(p -> unpublishable.add(p.index));
    for (int i = 0; i < records.size(); i++) {
      if (i >= retryFrom || unpublishable.contains(i)) {
        failures.add(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(sequence.get(i)).build());
      }
    }
    long publishedNow = pending.stream().filter(p -> p.outcome == Outcome.PUBLISHED).count();
    LogLine line = LogLine.info("publisher batch").put("service", source).put("publisher", busName).put("records", records.size())
        .put("events", pending.size() + alreadyPublished).put("published", publishedNow).put("alreadyPublished", alreadyPublished)
        .put("publishedWithoutData", refused.stream().filter(p -> p.outcome == Outcome.PUBLISHED).count())
        .put("unpublishable", unpublishable.size())
        .put("retryFrom", retryFrom < records.size() ? sequence.get(retryFrom) : null);
    if (retryFrom < records.size()) {
      Pending first = pending.stream().filter(p -> p.index == retryFrom).findFirst().orElseThrow();
      line.atLeast(LogLine.Level.WARN).put("streamId", first.event.streamId()).put("version", first.event.version())
          .put("eventId", first.event.eventId()).put("errorCode", first.errorCode).put("errorMessage", first.errorMessage);
    }
    line.writeTo(log);
    return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
  }

  /** Puts entries in chunks within EventBridge's limits; sets each one's outcome. */
  private void putAll(List<Pending> entries) {
    List<Pending> chunk = new ArrayList<>();
    int chunkBytes = 0;
    for (Pending next : entries) {
      if (!chunk.isEmpty() && (chunk.size() == MAX_ENTRIES || chunkBytes + next.bytes > MAX_BATCH_BYTES)) {
        put(chunk);
        chunk = new ArrayList<>();
        chunkBytes = 0;
      }
      chunk.add(next);
      chunkBytes += next.bytes;
    }
    if (!chunk.isEmpty()) {
      put(chunk);
    }
  }

  private void put(List<Pending> chunk) {
    PutEventsResponse response;
    try {
      response = eventBridge.putEvents(r -> r.entries(chunk.stream().map(p -> p.entry).toList()));
    } catch (AwsServiceException e) {
      if (!e.isThrottlingException() && e.statusCode() < 500 && e.statusCode() != 429) {
        // the request was refused for what it holds (a 4xx such as ValidationException): find the entry
        if (chunk.size() > 1) {
          chunk.forEach(p -> put(List.of(p)));
        } else {
          chunk.get(0).outcome = Outcome.REFUSED;
          chunk.get(0).errorCode = e.awsErrorDetails() == null ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
          chunk.get(0).errorMessage = e.getMessage();
        }
        return;
      }
      transientFailure(chunk, e);
      return;
    } catch (SdkException e) {
      transientFailure(chunk, e);
      return;
    }
    List<PutEventsResultEntry> results = response.entries();
    for (int i = 0; i < chunk.size(); i++) {
      Pending p = chunk.get(i);
      PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
      if (result == null) {
        p.outcome = Outcome.TRANSIENT;
        p.errorCode = "NoResult";
      } else if (result.errorCode() == null) {
        p.outcome = Outcome.PUBLISHED;
        published.add(p.event.eventId());
      } else {
        p.outcome = TRANSIENT_ERRORS.contains(result.errorCode()) ? Outcome.TRANSIENT : Outcome.REFUSED;
        p.errorCode = result.errorCode();
        p.errorMessage = result.errorMessage();
      }
    }
  }

  private static void transientFailure(List<Pending> chunk, SdkException e) {
    for (Pending p : chunk) {
      p.outcome = Outcome.TRANSIENT;
      p.errorCode = e.getClass().getSimpleName();
      p.errorMessage = e.getMessage();
    }
  }

  /**
   * Sets the entry that publishes a record: with its data (unless that is too large for EventBridge), or, as
   * the fallback for an entry EventBridge refused, with only the fields the publisher itself wrote.
   */
  private void entry(Pending p, boolean full) {
    String detail = full ? EventEnvelope.detail(p.event, true) : EventEnvelope.reference(p.event);
    int bytes = size(p.event.type(), detail);
    if (bytes > MAX_BATCH_BYTES) {
      detail = EventEnvelope.detail(p.event, false); // claim check: consumers read the event from the store
      bytes = size(p.event.type(), detail);
    }
    p.entry = PutEventsRequestEntry.builder()
        .eventBusName(busName)
        .source(source)
        .detailType(p.event.type())
        .detail(detail)
        .time(p.event.timestamp())
        .build();
    p.bytes = bytes;
  }

  /** EventBridge's entry size: time (14 bytes) plus source, detail-type and detail in UTF-8. */
  private int size(String detailType, String detail) {
    return 14 + source.getBytes(StandardCharsets.UTF_8).length + detailType.getBytes(StandardCharsets.UTF_8).length
        + detail.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * @return the event a stream record inserted, or null for other records (idempotency items, updates, removes)
   * @throws RuntimeException when an event item lacks what every event has
   */
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
        text(meta.get("causationId")),
        text(meta.get("principal")));
  }

  private static String text(AttributeValue value) {
    return value == null ? null : value.getS();
  }
}
