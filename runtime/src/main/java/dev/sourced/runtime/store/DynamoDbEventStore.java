package dev.sourced.runtime.store;

import dev.sourced.runtime.EventTooLargeException;
import dev.sourced.runtime.UniqueValueTakenException;
import dev.sourced.runtime.json.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * The event store on one DynamoDB table: partition key {@code streamId} (S), sort key {@code version}
 * (N). Event items carry {@code kind=event}, {@code type}, {@code revision}, {@code data} (JSON),
 * {@code eventId}, {@code timestamp}, {@code commandId} and {@code meta} (correlation and causation ids, and the
 * principal of the command's caller).
 * Idempotency records live in the same table as {@code kind=idempotency} items under
 * {@code idempotency#<streamId>#<key>}, version 0, with a TTL attribute {@code expiresAt}, so they commit
 * in the same transaction as the events; stream consumers skip them.
 * Unique values ({@code @Unique}) live there too, as two items per value a stream holds, both at version 0: the
 * reservation {@code unique#<aggregate>#<scope>#<value>} ({@code kind=unique}, {@code owner=<streamId>}), whose
 * {@code attribute_not_exists} condition is what makes the value unique, and {@code unique-owner#<streamId>#<scope>}
 * ({@code kind=unique-owner}, {@code value}), which tells which value to release when the stream moves or releases
 * it. Both are written in the transaction of the events that claim, move or release the value. Events have
 * versions 1..n, so reading a stream never meets an item at version 0, whatever its key.
 *
 * <p>Appends are conditional ({@code attribute_not_exists}); several items go in one
 * {@code TransactWriteItems}, a single item in a conditional {@code PutItem}. An idempotency record that
 * exists and has not expired fails its condition and comes back with the failure
 * ({@code ReturnValuesOnConditionCheckFailure}), so a repeated command learns the first result without a read.
 * Reads are consistent queries: a whole stream paged, or its newest events in one request ({@link #readTail}).
 */
public final class DynamoDbEventStore implements EventStore {
  /** DynamoDB's item size limit. */
  public static final long MAX_ITEM_BYTES = 400 * 1024;
  /** TransactWriteItems takes at most 100 items; one is kept for the idempotency record. */
  public static final int MAX_EVENTS_PER_APPEND = 99;
  /** The key prefix of idempotency records: {@code idempotency#<streamId>#<key>}. */
  public static final String IDEMPOTENCY_PREFIX = dev.sourced.spi.TableKeys.IDEMPOTENCY_PREFIX;
  /** The key prefix of unique values' reservations: {@code unique#<aggregate>#<scope>#<value>}. */
  public static final String UNIQUE_PREFIX = dev.sourced.spi.TableKeys.UNIQUE_PREFIX;
  /** The key prefix of the items recording a stream's unique values: {@code unique-owner#<streamId>#<scope>}. */
  public static final String UNIQUE_OWNER_PREFIX = dev.sourced.spi.TableKeys.UNIQUE_OWNER_PREFIX;
  /** TransactWriteItems' limit. */
  private static final int MAX_TRANSACTION_ITEMS = 100;
  /** Every item a command writes is new: an event's version, a live idempotency record's key. */
  private static final String NEW_ITEM = "attribute_not_exists(" + EventTableSchema.PARTITION_KEY + ")";

  private final DynamoDbClient dynamoDb;
  private final String table;

  private DynamoDbEventStore(Builder builder) {
    this.dynamoDb = Objects.requireNonNull(builder.dynamoDb, "dynamoDbClient");
    this.table = Objects.requireNonNull(builder.table, "tableName");
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DynamoDbEventStore}. */
  public static final class Builder {
    private DynamoDbClient dynamoDb;
    private String table;

    /** @param client the client to use (tests inject one with interceptors; Lambdas build one per container) */
    public Builder dynamoDbClient(DynamoDbClient client) {
      this.dynamoDb = client;
      return this;
    }

    /** @param tableName the event table */
    public Builder tableName(String tableName) {
      this.table = tableName;
      return this;
    }

    public DynamoDbEventStore build() {
      return new DynamoDbEventStore(this);
    }
  }

  @Override
  public List<StoredEvent> read(String streamId, long afterVersion) {
    QueryRequest query = QueryRequest.builder()
        .tableName(table)
        .keyConditionExpression(EventTableSchema.PARTITION_KEY + " = :s AND " + EventTableSchema.SORT_KEY + " > :v")
        .expressionAttributeValues(Map.of(":s", s(streamId), ":v", n(afterVersion)))
        .consistentRead(true)
        .build();
    List<StoredEvent> events = new ArrayList<>();
    try {
      dynamoDb.queryPaginator(query).items().forEach(item -> events.add(event(item)));
    } catch (SdkServiceException e) {
      throw transientOr(e);
    } catch (SdkClientException e) {
      throw unanswered(e);
    }
    return events;
  }

  /** The attributes {@link #readTail} reads: a stream's events as deciding needs them (type, data and position). */
  private static final String DECIDING_ATTRIBUTES = "#s, #v, #t, #r, #d";
  private static final Map<String, String> DECIDING_NAMES = Map.of("#s", EventTableSchema.PARTITION_KEY,
      "#v", EventTableSchema.SORT_KEY, "#t", "type", "#r", "revision", "#d", "data");

  /**
   * {@inheritDoc}
   *
   * <p>The events carry what deciding needs (stream, version, type, revision, data); their ids, times and metadata are
   * left out (null), as commands never read them.
   */
  @Override
  public StreamTail readTail(String streamId, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1; found " + limit);
    }
    QueryResponse page;
    try {
      // newest first: the page ends where the limit (or 1 MB) does, and LastEvaluatedKey says whether older events remain
      // only what deciding needs: the ids, times and metadata of a stream's events are most of their bytes
      page = dynamoDb.query(r -> r.tableName(table).consistentRead(true).scanIndexForward(false).limit(limit)
          .keyConditionExpression(EventTableSchema.PARTITION_KEY + " = :s AND " + EventTableSchema.SORT_KEY + " > :v")
          .projectionExpression(DECIDING_ATTRIBUTES).expressionAttributeNames(DECIDING_NAMES)
          .expressionAttributeValues(Map.of(":s", s(streamId), ":v", n(0))));
    } catch (SdkServiceException e) {
      throw transientOr(e);
    } catch (SdkClientException e) {
      throw unanswered(e);
    }
    List<Map<String, AttributeValue>> items = page.items();
    List<StoredEvent> events = new ArrayList<>(items.size());
    for (int i = items.size() - 1; i >= 0; i--) {
      Map<String, AttributeValue> item = items.get(i);
      events.add(new StoredEvent(item.get(EventTableSchema.PARTITION_KEY).s(), Long.parseLong(item.get(EventTableSchema.SORT_KEY).n()),
          item.get("type").s(), Integer.parseInt(item.get("revision").n()), item.get("data").s(), null, null, null, null, null, null));
    }
    boolean fromStart = !page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()
        || (!events.isEmpty() && events.get(0).version() == 1);
    return new StreamTail(events, fromStart);
  }

  @Override
  public void append(AppendRequest request) {
    if (request.events().size() > MAX_EVENTS_PER_APPEND) {
      throw new IllegalArgumentException("a command may append at most " + MAX_EVENTS_PER_APPEND + " events; found "
          + request.events().size());
    }
    List<Put> puts = new ArrayList<>();
    for (StoredEvent event : request.events()) {
      Map<String, AttributeValue> item = item(event);
      long size = ItemSize.of(item);
      if (size > MAX_ITEM_BYTES) {
        throw new EventTooLargeException(event.type(), size, MAX_ITEM_BYTES);
      }
      Put.Builder put = Put.builder().tableName(table).item(item).conditionExpression(NEW_ITEM);
      if (puts.isEmpty()) {
        // the first event's slot: if it is taken, say by whom, so that an append found already stored is told apart
        put.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
      }
      puts.add(put.build());
    }
    if (request.idempotency() != null) {
      puts.add(put(request.idempotency()));
    }
    List<UniqueWrite> unique = new ArrayList<>();
    request.unique().forEach(change -> unique.addAll(writes(request.streamId(), change)));
    if (puts.size() + unique.size() > MAX_TRANSACTION_ITEMS) {
      throw new IllegalArgumentException("an append writes at most " + MAX_TRANSACTION_ITEMS + " items in one transaction; "
          + request.events().size() + " events" + (request.idempotency() != null ? ", an idempotency record" : "") + " and "
          + unique.size() + " items of unique values are " + (puts.size() + unique.size()));
    }
    if (puts.isEmpty() && unique.isEmpty()) {
      return;
    }
    if (puts.size() == 1 && unique.isEmpty()) {
      putOne(request, puts.get(0));
    } else {
      transact(request, puts, unique);
    }
  }

  /**
   * The idempotency record's write: it may replace a record that has expired but that TTL has not deleted yet
   * (TTL deletes lazily); a live one fails the condition and comes back with the failure, so a repeated command
   * needs no read to learn the first result.
   */
  private Put put(IdempotencyRecord record) {
    return Put.builder().tableName(table).item(item(record))
        .conditionExpression(NEW_ITEM + " OR " + EventTableSchema.TTL_ATTRIBUTE + " < :now")
        .expressionAttributeValues(Map.of(":now", n(Instant.now().getEpochSecond())))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  private void putOne(AppendRequest request, Put put) {
    PutItemRequest.Builder single = PutItemRequest.builder().tableName(table).item(put.item())
        .conditionExpression(put.conditionExpression())
        .returnValuesOnConditionCheckFailure(put.returnValuesOnConditionCheckFailure());
    if (put.hasExpressionAttributeValues()) {
      single.expressionAttributeValues(put.expressionAttributeValues());
    }
    try {
      dynamoDb.putItem(single.build());
    } catch (ConditionalCheckFailedException e) {
      if (!request.events().isEmpty()) {
        if (alreadyStored(request, e.hasItem() ? e.item() : null)) {
          return;
        }
        throw new WrongExpectedVersionException(request.streamId(), request.expectedVersion());
      }
      String key = request.idempotency().key();
      throw new IdempotencyKeyExistsException(key, existing(key, e.hasItem() ? e.item() : null));
    } catch (SdkServiceException e) {
      throw transientOr(e);
    } catch (SdkClientException e) {
      throw unanswered(e);
    }
  }

  private void transact(AppendRequest request, List<Put> puts, List<UniqueWrite> unique) {
    List<TransactWriteItem> writes = new ArrayList<>(puts.size() + unique.size());
    for (Put put : puts) {
      writes.add(TransactWriteItem.builder().put(put).build());
    }
    unique.forEach(write -> writes.add(write.item()));
    try {
      dynamoDb.transactWriteItems(r -> r.transactItems(writes));
    } catch (TransactionCanceledException e) {
      List<CancellationReason> reasons = e.cancellationReasons();
      int events = request.events().size();
      if (events > 0 && failedCondition(reasons, 0) && alreadyStored(request, reasons.get(0).hasItem() ? reasons.get(0).item() : null)) {
        return; // the whole transaction is: its first event is
      }
      boolean idempotencyExists = request.idempotency() != null && failedCondition(reasons, events);
      if (idempotencyExists) {
        CancellationReason reason = reasons.get(events);
        throw new IdempotencyKeyExistsException(request.idempotency().key(),
            existing(request.idempotency().key(), reason.hasItem() ? reason.item() : null));
      }
      for (int i = 0; i < events; i++) {
        if (failedCondition(reasons, i)) {
          throw new WrongExpectedVersionException(request.streamId(), request.expectedVersion());
        }
      }
      for (int i = 0; i < unique.size(); i++) {
        if (failedCondition(reasons, puts.size() + i)) {
          throw unique.get(i).refused(request);
        }
      }
      // TransactionConflict, ThrottlingError, ...: nothing was written; the caller retries
      throw new TransientStoreException("append to " + request.streamId() + " was cancelled: " + codes(reasons), e);
    } catch (TransactionInProgressException e) {
      // the SDK gives each transaction an idempotency token (ClientRequestToken) that its retries repeat: this is a
      // retry while the first send, maybe written, is still running. Not known whether it landed: the caller looks
      throw new TransientStoreException("append to " + request.streamId() + " is still in progress from an earlier send: "
          + e.getMessage(), e, true);
    } catch (SdkServiceException e) {
      throw transientOr(e);
    } catch (SdkClientException e) {
      throw unanswered(e);
    }
  }

  /**
   * Whether the item that holds the append's first slot is the append's own first event: the append is stored already.
   * That is what an append that failed its condition finds when it was sent twice and the first send was written: the
   * SDK sends a request again after its answer was lost (a timeout, a broken connection), and so does the JDK's HTTP
   * connection, once, when the connection fails before the answer begins. Deciding again then would store the command twice
   * (or answer a creation with "already exists"); so the append counts as done, as it is.
   *
   * @param holder the item in the first event's slot, as the failed condition returned it, or null
   */
  private static boolean alreadyStored(AppendRequest request, Map<String, AttributeValue> holder) {
    if (holder == null || holder.isEmpty()) {
      return false;
    }
    AttributeValue eventId = holder.get("eventId");
    return eventId != null && request.events().get(0).eventId().equals(eventId.s());
  }

  private static boolean failedCondition(List<CancellationReason> reasons, int index) {
    return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
  }

  /** What one item of a unique value does in an append's transaction. */
  private enum UniqueRole {
    /** Puts the reservation of the new value: another stream holding it fails the condition. */
    CLAIM,
    /** Deletes the reservation of the old value, unless another stream holds it. */
    RELEASE,
    /** Puts or deletes the record of the stream's value, on condition that it still holds the old one. */
    RECORD
  }

  /** One item of a unique value's change and the role it plays, to name what a failed condition means. */
  private record UniqueWrite(TransactWriteItem item, UniqueRole role, UniqueChange change) {
    RuntimeException refused(AppendRequest request) {
      return switch (role) {
        case CLAIM -> new UniqueValueTakenException(change.aggregate(), change.scope());
        // the stream's value changed since it was read: reload and decide again
        case RECORD -> new WrongExpectedVersionException(request.streamId(), request.expectedVersion());
        case RELEASE -> new IllegalStateException("stream " + request.streamId() + " records that it holds a "
            + change.scope() + " whose reservation another stream holds; the table was changed by other means than"
            + " Sourced appends. Nothing was written");
      };
    }
  }

  /**
   * The items of one change, in the order of the transaction: release the old reservation (if the stream held one),
   * claim the new one (unless the change releases), and record the stream's value.
   */
  private List<UniqueWrite> writes(String streamId, UniqueChange change) {
    List<UniqueWrite> writes = new ArrayList<>(3);
    Map<String, String> ownerName = Map.of("#owner", "owner");
    Map<String, String> valueName = Map.of("#value", "value");
    if (change.from() != null) {
      writes.add(new UniqueWrite(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
          .key(key(reservationKey(change.aggregate(), change.scope(), change.from())))
          .conditionExpression("attribute_not_exists(" + EventTableSchema.PARTITION_KEY + ") OR #owner = :stream")
          .expressionAttributeNames(ownerName).expressionAttributeValues(Map.of(":stream", s(streamId)))
          .build()).build(), UniqueRole.RELEASE, change));
    }
    if (change.to() != null) {
      Map<String, AttributeValue> reservation = new HashMap<>(key(reservationKey(change.aggregate(), change.scope(), change.to())));
      reservation.put("kind", s("unique"));
      reservation.put("owner", s(streamId));
      reservation.put("scope", s(change.scope()));
      writes.add(new UniqueWrite(TransactWriteItem.builder().put(Put.builder().tableName(table).item(reservation)
          .conditionExpression(NEW_ITEM).build()).build(), UniqueRole.CLAIM, change));
    }
    Map<String, AttributeValue> ownerKey = key(ownerKey(streamId, change.scope()));
    if (change.to() == null) {
      writes.add(new UniqueWrite(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(ownerKey)
          .conditionExpression("#value = :from").expressionAttributeNames(valueName)
          .expressionAttributeValues(Map.of(":from", s(change.from())))
          .build()).build(), UniqueRole.RECORD, change));
    } else {
      Map<String, AttributeValue> owner = new HashMap<>(ownerKey);
      owner.put("kind", s("unique-owner"));
      owner.put("value", s(change.to()));
      Put.Builder put = Put.builder().tableName(table).item(owner);
      if (change.from() == null) {
        put.conditionExpression(NEW_ITEM);
      } else {
        put.conditionExpression("#value = :from").expressionAttributeNames(valueName)
            .expressionAttributeValues(Map.of(":from", s(change.from())));
      }
      writes.add(new UniqueWrite(TransactWriteItem.builder().put(put.build()).build(), UniqueRole.RECORD, change));
    }
    return writes;
  }

  /** @return the key of a value's reservation: {@code unique#<aggregate>#<scope>#<value>} */
  public static String reservationKey(String aggregate, String scope, String value) {
    return UNIQUE_PREFIX + aggregate + "#" + scope + "#" + value;
  }

  /** @return the key of the item recording the value a stream holds in a scope: {@code unique-owner#<streamId>#<scope>} */
  public static String ownerKey(String streamId, String scope) {
    return UNIQUE_OWNER_PREFIX + streamId + "#" + scope;
  }

  private static Map<String, AttributeValue> key(String partition) {
    return Map.of(EventTableSchema.PARTITION_KEY, s(partition), EventTableSchema.SORT_KEY, n(0));
  }

  @Override
  public Optional<String> uniqueValue(String streamId, String scope) {
    // a Query on the full key, as for idempotency records: command functions need no read action but Query
    List<Map<String, AttributeValue>> items;
    try {
      items = dynamoDb.query(r -> r.tableName(table).consistentRead(true)
          .keyConditionExpression(EventTableSchema.PARTITION_KEY + " = :s AND " + EventTableSchema.SORT_KEY + " = :v")
          .expressionAttributeValues(Map.of(":s", s(ownerKey(streamId, scope)), ":v", n(0)))).items();
    } catch (SdkServiceException e) {
      throw transientOr(e);
    } catch (SdkClientException e) {
      throw unanswered(e);
    }
    return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0).get("value").s());
  }

  /** @return the record a failed condition returned, or {@code null} when it returned none (the caller reads it) */
  private static IdempotencyRecord existing(String key, Map<String, AttributeValue> item) {
    return item == null || item.isEmpty() ? null : record(key, item);
  }

  @Override
  public Optional<IdempotencyRecord> idempotencyRecord(String key) {
    // a Query on the full key, not GetItem: command functions' IAM policy then needs no read action but Query
    List<Map<String, AttributeValue>> items;
    try {
      items = dynamoDb.query(r -> r.tableName(table).consistentRead(true)
          .keyConditionExpression(EventTableSchema.PARTITION_KEY + " = :s AND " + EventTableSchema.SORT_KEY + " = :v")
          .expressionAttributeValues(Map.of(":s", s(IDEMPOTENCY_PREFIX + key), ":v", n(0)))).items();
    } catch (SdkServiceException e) {
      throw transientOr(e);
    } catch (SdkClientException e) {
      throw unanswered(e);
    }
    if (items.isEmpty()) {
      return Optional.empty();
    }
    IdempotencyRecord record = record(key, items.get(0));
    if (record.expiresAt().isBefore(Instant.now())) {
      return Optional.empty(); // TTL deletes lazily; an expired record no longer counts
    }
    return Optional.of(record);
  }

  private static IdempotencyRecord record(String key, Map<String, AttributeValue> item) {
    return new IdempotencyRecord(key, item.get("fingerprint").s(), Integer.parseInt(item.get("status").n()),
        item.get("response").s(), Instant.ofEpochSecond(Long.parseLong(item.get(EventTableSchema.TTL_ATTRIBUTE).n())));
  }

  static Map<String, AttributeValue> item(StoredEvent event) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(EventTableSchema.PARTITION_KEY, s(event.streamId()));
    item.put(EventTableSchema.SORT_KEY, n(event.version()));
    item.put("kind", s("event"));
    item.put("type", s(event.type()));
    item.put("revision", n(event.revision()));
    item.put("data", s(event.data()));
    item.put("eventId", s(event.eventId()));
    item.put("timestamp", s(event.timestamp().toString()));
    item.put("commandId", s(event.commandId()));
    Map<String, AttributeValue> meta = new HashMap<>();
    if (event.correlationId() != null) {
      meta.put("correlationId", s(event.correlationId()));
    }
    if (event.causationId() != null) {
      meta.put("causationId", s(event.causationId()));
    }
    if (event.principal() != null) {
      meta.put("principal", s(event.principal()));
    }
    item.put("meta", AttributeValue.fromM(meta));
    return item;
  }

  private static Map<String, AttributeValue> item(IdempotencyRecord record) {
    return Map.of(
        EventTableSchema.PARTITION_KEY, s(IDEMPOTENCY_PREFIX + record.key()),
        EventTableSchema.SORT_KEY, n(0),
        "kind", s("idempotency"),
        "fingerprint", s(record.fingerprint()),
        "status", n(record.status()),
        "response", s(record.response()),
        EventTableSchema.TTL_ATTRIBUTE, n(record.expiresAt().getEpochSecond()));
  }

  /**
   * @param item an event item (as read from the table or a stream record's new image)
   * @return the event
   */
  public static StoredEvent event(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> meta = item.containsKey("meta") ? item.get("meta").m() : Map.of();
    return new StoredEvent(
        item.get(EventTableSchema.PARTITION_KEY).s(),
        Long.parseLong(item.get(EventTableSchema.SORT_KEY).n()),
        item.get("type").s(),
        Integer.parseInt(item.get("revision").n()),
        item.get("data").s(),
        item.get("eventId").s(),
        Instant.parse(item.get("timestamp").s()),
        item.containsKey("commandId") ? item.get("commandId").s() : null,
        meta.containsKey("correlationId") ? meta.get("correlationId").s() : null,
        meta.containsKey("causationId") ? meta.get("causationId").s() : null,
        meta.containsKey("principal") ? meta.get("principal").s() : null);
  }

  /** No answer (a timeout, a broken connection): a write may or may not have happened; the caller checks and retries. */
  private static TransientStoreException unanswered(SdkClientException e) {
    return new TransientStoreException("DynamoDB did not answer: " + e.getMessage(), e, true);
  }

  private static RuntimeException transientOr(SdkServiceException e) {
    if (e.isThrottlingException() || e.statusCode() >= 500) {
      // throttling refuses the request; after a 5xx, DynamoDB may or may not have done it
      return new TransientStoreException("DynamoDB asked to retry: " + e.getMessage(), e, !e.isThrottlingException());
    }
    return e;
  }

  private static String codes(List<CancellationReason> reasons) {
    List<String> codes = new ArrayList<>();
    reasons.forEach(r -> codes.add(r.code()));
    return codes.toString();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  /** DynamoDB's item size rule: attribute names plus values, strings in UTF-8, numbers up to 21 bytes. */
  static final class ItemSize {
    private ItemSize() {}

    static long of(Map<String, AttributeValue> item) {
      long size = 0;
      for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
        size += utf8(attribute.getKey()) + of(attribute.getValue());
      }
      return size;
    }

    private static long of(AttributeValue value) {
      if (value.s() != null) {
        return utf8(value.s());
      }
      if (value.n() != null) {
        return Math.min(21, (value.n().length() + 1) / 2 + 1);
      }
      if (value.hasM()) {
        long size = 3;
        for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
          size += utf8(entry.getKey()) + of(entry.getValue()) + 1;
        }
        return size;
      }
      return 1;
    }

    private static long utf8(String text) {
      return Text.utf8Length(text);
    }
  }
}
