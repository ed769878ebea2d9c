package dev.sourced.runtime.replay;

import dev.sourced.runtime.KeyLimits;
import dev.sourced.runtime.event.EventEnvelope;
import dev.sourced.runtime.log.LogLine;
import dev.sourced.runtime.projection.ProjectionStatus;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.DynamoDbEventStore;
import dev.sourced.runtime.store.EventTableSchema;
import dev.sourced.runtime.store.StoredEvent;
import dev.sourced.spi.ProjectionDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The steps of one projection's replay, as its workflow calls them. Each takes and returns a flat JSON-like map
 * (strings, numbers, booleans, nulls, lists of such maps), so that a state machine can pass it on:
 *
 * <ol>
 *   <li>{@link #start}: records the replay in the version's status (a version that is not READY becomes
 *       REPLAYING; a READY one stays READY, and the replay only catches up) and plans the scan segments; with a
 *       {@code streamId} in its input, one stream only (e.g. records the publisher gave up on), which changes no
 *       state.
 *   <li>{@link #read}: reads pages of one segment of the event table with a parallel {@code Scan} (or of one
 *       stream with a {@code Query}), keeps the events the projection consumes (in a catch-up, or for one stream,
 *       only those it has not applied yet: their streams' checkpoints, read together per page; a rebuild sends
 *       all, and the engine skips what was applied), and sends them to the replay queue in messages of up to 500
 *       events, each stream's events together and in version order ({@link EventEnvelope#replayMessage}, usually compressed; each event as the
 *       publisher's envelope, without its data when it would not fit a message: the projection then reads it
 *       from the store), in {@code SendMessageBatch} calls; returns where to go on. The projection
 *       function consumes the replay queue with the same engine as its live queue: per-stream checkpoints make
 *       duplicates, reordering and the overlap with live delivery harmless.
 *   <li>{@link #progress}: looks at the replay queue and its dead-letter queue; drained once the queue was empty
 *       at two looks in a row; incomplete once a message of this replay was dead-lettered.
 *   <li>{@link #finish}: the version is READY; queries switch to it.
 * </ol>
 */
public final class ProjectionReplay {
  /** Scan segments read in parallel when the execution's input does not say. */
  public static final int DEFAULT_SEGMENTS = 4;
  /** SQS's limit on a message and on a whole batch. */
  static final int MAX_MESSAGE_BYTES = 256 * 1024;
  /** The most events one replay message carries, which bounds the work of one message. */
  static final int MAX_MESSAGE_EVENTS = 500;
  /** SQS's limit on entries per batch. */
  static final int MAX_BATCH_ENTRIES = 10;
  /** More event types than this are filtered here rather than in the scan's filter expression (its IN takes 100). */
  private static final int MAX_FILTERED_TYPES = 99;
  /** Looks at an empty queue, in a row, before a replay counts as drained (SQS's counts are approximate). */
  static final int QUIET_CHECKS = 2;
  /** DynamoDB's limit on the data one Scan or Query page reads. */
  static final long MAX_PAGE_BYTES = 1024 * 1024;
  /** The items the first page of a read asks for; later pages ask for what fits {@link #MAX_PAGE_BYTES}. */
  static final int FIRST_PAGE_ITEMS = 1_000;
  /** Bounds of a page's item limit. */
  static final int MIN_PAGE_ITEMS = 100;
  static final int MAX_PAGE_ITEMS = 10_000;
  /** The data one strongly consistent read unit reads. */
  static final int READ_UNIT_BYTES = 4096;
  /** At most this long per read call, so that a Task state returns well within the function's timeout. */
  private static final Duration MAX_READ = Duration.ofMinutes(2);

  private final ProjectionDefinition<?> projection;
  private final DynamoDbClient dynamoDb;
  private final String eventTable;
  private final ProjectionTable table;
  private final SqsClient sqs;
  private final String queueUrl;
  private final String deadLetterQueueUrl;
  private final Consumer<String> log;
  private final Clock clock;
  private final Set<String> consumed;
  private final int defaultSegments;

  /**
   * @param projection the projection replayed
   * @param dynamoDb the client of the event table and the projection table
   * @param eventTable the event table
   * @param table the projection version's table (its status item)
   * @param sqs the client of the replay queues
   * @param queueUrl the replay queue
   * @param deadLetterQueueUrl its dead-letter queue
   * @param defaultSegments scan segments when the input does not say
   * @param log where the JSON log lines go
   */
  public ProjectionReplay(ProjectionDefinition<?> projection, DynamoDbClient dynamoDb, String eventTable, ProjectionTable table,
      SqsClient sqs, String queueUrl, String deadLetterQueueUrl, int defaultSegments, Consumer<String> log) {
    this(projection, dynamoDb, eventTable, table, sqs, queueUrl, deadLetterQueueUrl, defaultSegments, log, Clock.systemUTC());
  }

  ProjectionReplay(ProjectionDefinition<?> projection, DynamoDbClient dynamoDb, String eventTable, ProjectionTable table,
      SqsClient sqs, String queueUrl, String deadLetterQueueUrl, int defaultSegments, Consumer<String> log, Clock clock) {
    this.projection = Objects.requireNonNull(projection, "projection");
    this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.eventTable = Objects.requireNonNull(eventTable, "eventTable");
    this.table = Objects.requireNonNull(table, "table");
    this.sqs = Objects.requireNonNull(sqs, "sqs");
    this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    this.deadLetterQueueUrl = Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
    this.defaultSegments = defaultSegments;
    this.log = log;
    this.clock = clock;
    this.consumed = Set.copyOf(projection.eventNames());
  }

  /**
   * @param input the execution's input: {@code {}} to replay the whole store, optionally {@code "segments": n}
   *     (1 to 1000), or {@code "streamId": "…"} for one stream
   * @return the replay: {@code replayId}, {@code projection}, {@code mode}, {@code segments} (one cursor each, for
   *     {@link #read}), {@code deadLetteredAtStart}, {@code quietChecks}, {@code drained}, {@code incomplete}
   */
  public Map<String, Object> start(Map<String, Object> input) {
    Map<String, Object> in = input == null ? Map.of() : input;
    String streamId = string(in, "streamId");
    if (streamId != null) {
      if (streamId.isEmpty()) {
        throw new IllegalArgumentException("streamId must be a stream id, e.g. shopping-cart#c1; found an empty one");
      }
      KeyLimits.checkStreamId(streamId, "$.streamId"); // valid text that fits a checkpoint, as a query's stream must
    }
    int segments = streamId != null ? 1 : (int) number(in, "segments", defaultSegments);
    if (segments < 1 || segments > 1000) {
      throw new IllegalArgumentException("segments must be 1 to 1000; found " + segments);
    }
    String replayId = clock.instant().toString() + "-" + UUID.randomUUID().toString().substring(0, 8);
    ProjectionStatus before = table.status();
    String mode = streamId != null ? "stream" : before.ready() ? "catch-up" : "rebuild";
    if (streamId == null) {
      table.startReplay(replayId, mode, clock.instant());
    }
    List<Map<String, Object>> cursors = new ArrayList<>();
    for (int segment = 0; segment < segments; segment++) {
      Map<String, Object> cursor = new LinkedHashMap<>();
      cursor.put("replayId", replayId);
      cursor.put("mode", mode);
      cursor.put("segment", segment);
      cursor.put("totalSegments", segments);
      cursor.put("streamId", streamId);
      cursor.put("startStreamId", null);
      cursor.put("startVersion", null);
      cursor.put("done", false);
      cursor.put("scanned", 0L);
      cursor.put("sent", 0L);
      cursors.add(cursor);
    }
    Map<String, Object> replay = new LinkedHashMap<>();
    replay.put("replayId", replayId);
    replay.put("projection", projection.name());
    replay.put("mode", mode);
    replay.put("stateBefore", before.state().name());
    replay.put("segments", cursors);
    replay.put("deadLetteredAtStart", approximateMessages(deadLetterQueueUrl));
    replay.put("quietChecks", 0);
    replay.put("drained", false);
    replay.put("incomplete", false);
    LogLine.info("replay started").put("projection", projection.name()).put("replayId", replayId).put("mode", mode)
        .put("segments", segments).put("streamId", streamId).put("stateBefore", before.state().name()).writeTo(log);
    return replay;
  }

  /**
   * Reads pages of one segment (or stream) until it ends or its time is up, sending what the projection consumes.
   *
   * @param cursor a cursor from {@link #start} or a previous read
   * @param remainingMillis how long the invocation may still run
   * @return the cursor to go on from: {@code done} once the segment has been read
   */
  public Map<String, Object> read(Map<String, Object> cursor, LongSupplier remainingMillis) {
    String replayId = Objects.requireNonNull(string(cursor, "replayId"), "cursor.replayId");
    int segment = (int) number(cursor, "segment", 0);
    int totalSegments = (int) number(cursor, "totalSegments", 1);
    String streamId = string(cursor, "streamId");
    Map<String, AttributeValue> startKey = startKey(cursor);
    long began = System.nanoTime();
    long budget = Math.min(MAX_READ.toNanos(), remainingMillis.getAsLong() * 1_000_000L / 2);
    long scanned = 0;
    long sent = 0;
    long skipped = 0;
    boolean done;
    // what the projection applied already (a catch-up, or one stream again) is not sent again; a rebuild sends all:
    // its version's table starts empty, or holds what an interrupted rebuild applied, and the engine skips that and
    // what live delivery applied first, for less than reading every page's checkpoints would cost
    boolean readCheckpoints = !"rebuild".equals(string(cursor, "mode"));
    Sender sender = new Sender();
    long readNanos = 0;
    long checkpointNanos = 0;
    long sendNanos = 0;
    int pageItems = FIRST_PAGE_ITEMS;
    int pages = 0;
    do {
      pages++;
      long pageStart = System.nanoTime();
      Page page = streamId == null ? scan(segment, totalSegments, startKey, pageItems) : query(streamId, startKey, pageItems);
      readNanos += System.nanoTime() - pageStart;
      pageItems = nextPageItems(pageItems, page.scanned(), page.readUnits());
      List<StoredEvent> consumedEvents = new ArrayList<>();
      for (Map<String, AttributeValue> item : page.items()) {
        scanned++;
        if (isEvent(item) && consumed.contains(item.get("type").s())) {
          consumedEvents.add(DynamoDbEventStore.event(item));
        }
      }
      long checkpointStart = System.nanoTime();
      Map<String, Long> checkpoints = readCheckpoints ? checkpoints(consumedEvents) : Map.of();
      long sendStart = System.nanoTime();
      checkpointNanos += sendStart - checkpointStart;
      for (StoredEvent event : consumedEvents) {
        if (event.version() > checkpoints.getOrDefault(event.streamId(), 0L)) {
          sender.add(event);
        } else {
          skipped++;
        }
      }
      sent += sender.flush();
      sendNanos += System.nanoTime() - sendStart;
      startKey = page.lastKey();
      done = startKey == null;
    } while (!done && System.nanoTime() - began < budget);
    table.recordReplayed(replayId, scanned, sent);
    Map<String, Object> next = new LinkedHashMap<>(cursor);
    next.put("startStreamId", done ? null : startKey.get(EventTableSchema.PARTITION_KEY).s());
    next.put("startVersion", done ? null : Long.parseLong(startKey.get(EventTableSchema.SORT_KEY).n()));
    next.put("done", done);
    next.put("scanned", number(cursor, "scanned", 0) + scanned);
    next.put("sent", number(cursor, "sent", 0) + sent);
    LogLine.info("replay read").put("projection", projection.name()).put("replayId", replayId).put("segment", segment)
        .put("streamId", streamId).put("pages", pages).put("scanned", scanned).put("sent", sent).put("alreadyApplied", skipped).put("done", done)
        .put("durationMs", (System.nanoTime() - began) / 1_000_000).put("readMs", readNanos / 1_000_000)
        .put("checkpointsMs", checkpointNanos / 1_000_000).put("sendMs", sendNanos / 1_000_000).writeTo(log);
    return next;
  }

  /**
   * @param replay the replay as {@link #start} (or a previous progress) returned it
   * @return the replay with {@code queued}, {@code inFlight}, {@code deadLettered}, {@code sent}, {@code applied},
   *     {@code quietChecks}, {@code drained} and {@code incomplete}
   */
  public Map<String, Object> progress(Map<String, Object> replay) {
    Map<String, Long> queue = attributes(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
    long queued = queue.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES.toString());
    long inFlight = queue.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE.toString());
    long delayed = queue.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED.toString());
    long deadLettered = Math.max(0, approximateMessages(deadLetterQueueUrl) - number(replay, "deadLetteredAtStart", 0));
    long quiet = queued + inFlight + delayed == 0 ? number(replay, "quietChecks", 0) + 1 : 0;
    ProjectionStatus status = table.status();
    Map<String, Object> next = new LinkedHashMap<>(replay);
    next.put("queued", queued);
    next.put("inFlight", inFlight + delayed);
    next.put("deadLettered", deadLettered);
    if (status.replay() != null && status.replay().id().equals(string(replay, "replayId"))) {
      next.put("scanned", status.replay().scanned());
      next.put("sent", status.replay().sent());
      next.put("applied", status.eventsApplied() - status.replay().appliedAtStart());
    }
    next.put("quietChecks", quiet);
    next.put("drained", quiet >= QUIET_CHECKS && deadLettered == 0);
    next.put("incomplete", deadLettered > 0);
    next.remove("segments"); // the Map state has read them; the execution's state stays small
    LogLine.info("replay progress").put("projection", projection.name()).put("replayId", string(replay, "replayId"))
        .put("queued", queued).put("inFlight", inFlight + delayed).put("deadLettered", deadLettered)
        .put("sent", next.get("sent")).put("applied", next.get("applied"))
        .atLeast(deadLettered > 0 ? LogLine.Level.ERROR : LogLine.Level.INFO).writeTo(log);
    return next;
  }

  /**
   * @param replay the replay as {@link #progress} returned it
   * @return the replay with {@code state} (READY unless it replayed one stream) and {@code finishedAt}
   */
  public Map<String, Object> finish(Map<String, Object> replay) {
    String replayId = Objects.requireNonNull(string(replay, "replayId"), "replay.replayId");
    Map<String, Object> next = new LinkedHashMap<>(replay);
    if (!"stream".equals(string(replay, "mode"))) {
      table.finishReplay(replayId, clock.instant());
    }
    ProjectionStatus status = table.status();
    next.put("state", status.state().name());
    next.put("finishedAt", clock.instant().toString());
    LogLine.info("replay finished").put("projection", projection.name()).put("replayId", replayId)
        .put("mode", string(replay, "mode")).put("state", status.state().name()).put("sent", replay.get("sent"))
        .put("applied", replay.get("applied")).writeTo(log);
    return next;
  }

  // ------------------------------------------------------------------ reading

  private record Page(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastKey, int scanned, Double readUnits) {
    /** A Scan's or a Query's answer: no next key when it is absent or empty; what it read when DynamoDB said. */
    static Page of(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastKey, Integer scanned,
        ConsumedCapacity capacity) {
      return new Page(items, lastKey == null || lastKey.isEmpty() ? null : lastKey, scanned == null ? 0 : scanned,
          capacity == null ? null : capacity.capacityUnits());
    }
  }

  /**
   * A page asks for about as many items as fit DynamoDB's 1 MB page, by the size of the items the page before read
   * (its consumed read units: a strongly consistent read unit is 4 KB of the items evaluated, those the filter drops
   * included). Without a limit the cloud stops at 1 MB all the same, but DynamoDB Local reads (and decodes) every
   * remaining item of the segment for each page and then cuts it at 1 MB, which makes a scan quadratic in the
   * segment's size; a limit far above what fits costs it the same way.
   *
   * @param current the limit the page before asked for
   * @param scanned the items it evaluated
   * @param readUnits the read units it consumed, or null when it did not say
   * @return the limit for the next page
   */
  static int nextPageItems(int current, int scanned, Double readUnits) {
    if (scanned <= 0 || readUnits == null || !(readUnits > 0) || readUnits.isInfinite()) { // not a size to go by
      return current;
    }
    double bytesPerItem = readUnits * READ_UNIT_BYTES / scanned;
    return (int) Math.max(MIN_PAGE_ITEMS, Math.min(MAX_PAGE_ITEMS, MAX_PAGE_BYTES / bytesPerItem));
  }

  private Page scan(int segment, int totalSegments, Map<String, AttributeValue> startKey, int limit) {
    ScanRequest.Builder scan = ScanRequest.builder().tableName(eventTable).consistentRead(true)
        .segment(segment).totalSegments(totalSegments).exclusiveStartKey(startKey).limit(limit)
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
    filter(scan::filterExpression, scan::expressionAttributeNames, scan::expressionAttributeValues);
    ScanResponse response = dynamoDb.scan(scan.build());
    return Page.of(response.items(), response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null,
        response.scannedCount(), response.consumedCapacity());
  }

  private Page query(String streamId, Map<String, AttributeValue> startKey, int limit) {
    QueryRequest.Builder query = QueryRequest.builder().tableName(eventTable).consistentRead(true)
        .keyConditionExpression(EventTableSchema.PARTITION_KEY + " = :stream").exclusiveStartKey(startKey).limit(limit)
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":stream", AttributeValue.fromS(streamId));
    query.expressionAttributeValues(values);
    QueryResponse response = dynamoDb.query(query.build());
    return Page.of(response.items(), response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null,
        response.scannedCount(), response.consumedCapacity());
  }

  /** Only event items of the types the projection consumes come back (the scan still reads, and is charged for, the rest). */
  private void filter(Consumer<String> expression, Consumer<Map<String, String>> names, Consumer<Map<String, AttributeValue>> values) {
    Map<String, AttributeValue> bound = new HashMap<>();
    bound.put(":event", AttributeValue.fromS("event"));
    StringBuilder filter = new StringBuilder("#kind = :event");
    if (consumed.size() <= MAX_FILTERED_TYPES) {
      filter.append(" AND #type IN (");
      int i = 0;
      for (String type : consumed) {
        filter.append(i == 0 ? "" : ", ").append(":t").append(i);
        bound.put(":t" + i, AttributeValue.fromS(type));
        i++;
      }
      filter.append(')');
    }
    expression.accept(filter.toString());
    names.accept(Map.of("#kind", "kind", "#type", "type"));
    values.accept(bound);
  }

  private static boolean isEvent(Map<String, AttributeValue> item) {
    AttributeValue kind = item.get("kind");
    return kind != null && "event".equals(kind.s()) && item.get("type") != null;
  }

  private static Map<String, AttributeValue> startKey(Map<String, Object> cursor) {
    String stream = string(cursor, "startStreamId");
    if (stream == null) {
      return null;
    }
    return Map.of(EventTableSchema.PARTITION_KEY, AttributeValue.fromS(stream),
        EventTableSchema.SORT_KEY, AttributeValue.fromN(Long.toString(number(cursor, "startVersion", 0))));
  }

  // ------------------------------------------------------------------ sending

  /**
   * Sends the events in replay messages ({@link EventEnvelope#replayMessage}) of up to {@value #MAX_MESSAGE_EVENTS}
   * events and 256 KB each, in the scan's order, so that each stream's events travel together and in version order (a
   * scan returns a stream's events together), usually compressed; in batches of at most 10 entries and 256 KB,
   * retrying entries SQS refused. Few large messages cost SQS, and the projection's receives, far less than a message
   * per stream.
   */
  private final class Sender {
    private final List<String> messages = new ArrayList<>();
    private final List<Integer> eventsPerMessage = new ArrayList<>();
    private final List<String> pending = new ArrayList<>();
    private int pendingBytes;

    void add(StoredEvent event) {
      String detail = EventEnvelope.detail(event, true);
      if (utf8(detail) + EventEnvelope.replayMessageOverhead(1) > MAX_MESSAGE_BYTES) {
        detail = EventEnvelope.detail(event, false); // claim check: the projection reads the event from the store
      }
      int size = utf8(detail);
      if (pending.size() == MAX_MESSAGE_EVENTS
          || pendingBytes + size + EventEnvelope.replayMessageOverhead(pending.size() + 1) > MAX_MESSAGE_BYTES) {
        closeMessage();
      }
      pending.add(detail);
      pendingBytes += size;
    }

    private void closeMessage() {
      if (!pending.isEmpty()) {
        messages.add(EventEnvelope.replayMessage(pending));
        eventsPerMessage.add(pending.size());
        pending.clear();
        pendingBytes = 0;
      }
    }

    /** @return how many events were sent */
    int flush() {
      closeMessage();
      int sent = 0;
      List<String> batch = new ArrayList<>();
      int bytes = 0;
      int events = 0;
      for (int i = 0; i < messages.size(); i++) {
        String body = messages.get(i);
        int size = utf8(body);
        if (!batch.isEmpty() && (batch.size() == MAX_BATCH_ENTRIES || bytes + size > MAX_MESSAGE_BYTES)) {
          send(batch);
          sent += events;
          batch = new ArrayList<>();
          bytes = 0;
          events = 0;
        }
        batch.add(body);
        bytes += size;
        events += eventsPerMessage.get(i);
      }
      if (!batch.isEmpty()) {
        send(batch);
        sent += events;
      }
      messages.clear();
      eventsPerMessage.clear();
      return sent;
    }

    private void send(List<String> batch) {
      Map<String, String> pending = new LinkedHashMap<>();
      for (int i = 0; i < batch.size(); i++) {
        pending.put(Integer.toString(i), batch.get(i));
      }
      for (int attempt = 1; ; attempt++) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        pending.forEach((id, body) -> entries.add(SendMessageBatchRequestEntry.builder().id(id).messageBody(body).build()));
        SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        response.successful().forEach(ok -> pending.remove(ok.id()));
        if (pending.isEmpty()) {
          return;
        }
        if (attempt >= 5) {
          BatchResultErrorEntry first = response.failed().get(0);
          throw new IllegalStateException("SQS refused " + pending.size() + " replay message(s) five times; first: "
              + first.code() + " " + first.message());
        }
        pause(attempt);
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  /** @return the checkpoints of the events' streams; none when they cannot be read (then everything is sent) */
  private Map<String, Long> checkpoints(List<StoredEvent> events) {
    try {
      return table.checkpoints(events.stream().map(StoredEvent::streamId).distinct().toList());
    } catch (RuntimeException e) {
      LogLine.warn("the checkpoints of a page could not be read; all its events are sent, the projection skips what it applied")
          .put("projection", projection.name()).unexpected(e).writeTo(log);
      return Map.of();
    }
  }

  private long approximateMessages(String url) {
    return attributes(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES.toString());
  }

  private Map<String, Long> attributes(String url, QueueAttributeName... names) {
    Map<String, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(names)).attributesAsStrings();
    Map<String, Long> numbers = new HashMap<>();
    for (QueueAttributeName name : names) {
      numbers.put(name.toString(), Long.parseLong(attributes.getOrDefault(name.toString(), "0")));
    }
    return numbers;
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  static String string(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value == null ? null : value.toString();
  }

  static long number(Map<String, Object> map, String key, long otherwise) {
    Object value = map.get(key);
    if (value == null) {
      return otherwise;
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    try {
      return Long.parseLong(value.toString());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number; found '" + value + "'", e);
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
