package dev.sourced.runtime.store;

import dev.sourced.runtime.EventTooLargeException;
import java.nio.charset.StandardCharsets;
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
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The event store on one DynamoDB table: partition key {@code streamId} (S), sort key {@code version}
 * (N). Event items carry {@code kind=event}, {@code type}, {@code revision}, {@code data} (JSON),
 * {@code eventId}, {@code timestamp}, {@code commandId} and {@code meta} (correlation and causation ids).
 * Idempotency records live in the same table as {@code kind=idempotency} items under
 * {@code idempotency#<streamId>#<key>}, version 0, with a TTL attribute {@code expiresAt}, so they commit
 * in the same transaction as the events; stream consumers skip them.
 *
 * <p>Appends are conditional ({@code attribute_not_exists}); several items go in one
 * {@code TransactWriteItems}, a single item in a conditional {@code PutItem}. Reads are paged,
 * consistent queries.
 */
public final class DynamoDbEventStore implements EventStore {
  /** DynamoDB's item size limit. */
  public static final long MAX_ITEM_BYTES = 400 * 1024;
  /** TransactWriteItems takes at most 100 items; one is kept for the idempotency record. */
  public static final int MAX_EVENTS_PER_APPEND = 99;
  /** The key prefix of idempotency records: {@code idempotency#<streamId>#<key>}. */
  public static final String IDEMPOTENCY_PREFIX = "idempotency#";

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

  @Override
  public void append(AppendRequest request) {
    if (request.events().size() > MAX_EVENTS_PER_APPEND) {
      throw new IllegalArgumentException("a command may append at most " + MAX_EVENTS_PER_APPEND + " events; found "
          + request.events().size());
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (StoredEvent event : request.events()) {
      Map<String, AttributeValue> item = item(event);
      long size = ItemSize.of(item);
      if (size > MAX_ITEM_BYTES) {
        throw new EventTooLargeException(event.type(), size, MAX_ITEM_BYTES);
      }
      items.add(item);
    }
    if (request.idempotency() != null) {
      items.add(item(request.idempotency()));
    }
    if (items.isEmpty()) {
      return;
    }
    if (items.size() == 1) {
      putOne(request, items.get(0));
    } else {
      transact(request, items);
    }
  }

  private void putOne(AppendRequest request, Map<String, AttributeValue> item) {
    try {
      dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(item)
          .conditionExpression("attribute_not_exists(" + EventTableSchema.PARTITION_KEY + ")").build());
    } catch (ConditionalCheckFailedException e) {
      throw request.events().isEmpty()
          ? new IdempotencyKeyExistsException(request.idempotency().key())
          : new WrongExpectedVersionException(request.streamId(), request.expectedVersion());
    } catch (SdkServiceException e) {
      throw transientOr(e);
    } catch (SdkClientException e) {
      throw unanswered(e);
    }
  }

  private void transact(AppendRequest request, List<Map<String, AttributeValue>> items) {
    List<TransactWriteItem> writes = new ArrayList<>(items.size());
    for (Map<String, AttributeValue> item : items) {
      writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
          .conditionExpression("attribute_not_exists(" + EventTableSchema.PARTITION_KEY + ")").build()).build());
    }
    try {
      dynamoDb.transactWriteItems(r -> r.transactItems(writes));
    } catch (TransactionCanceledException e) {
      List<CancellationReason> reasons = e.cancellationReasons();
      int events = request.events().size();
      boolean idempotencyExists = request.idempotency() != null && reasons.size() > events
          && "ConditionalCheckFailed".equals(reasons.get(events).code());
      if (idempotencyExists) {
        throw new IdempotencyKeyExistsException(request.idempotency().key());
      }
      for (int i = 0; i < Math.min(events, reasons.size()); i++) {
        if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
          throw new WrongExpectedVersionException(request.streamId(), request.expectedVersion());
        }
      }
      // TransactionConflict, ThrottlingError, ...: nothing was written; the caller retries
      throw new TransientStoreException("append to " + request.streamId() + " was cancelled: " + codes(reasons), e);
    } catch (SdkServiceException e) {
      throw transientOr(e);
    } catch (SdkClientException e) {
      throw unanswered(e);
    }
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
    Map<String, AttributeValue> item = items.get(0);
    Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(item.get(EventTableSchema.TTL_ATTRIBUTE).n()));
    if (expiresAt.isBefore(Instant.now())) {
      return Optional.empty(); // TTL deletes lazily; an expired record no longer counts
    }
    return Optional.of(new IdempotencyRecord(key, item.get("fingerprint").s(), Integer.parseInt(item.get("status").n()),
        item.get("response").s(), expiresAt));
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
        meta.containsKey("causationId") ? meta.get("causationId").s() : null);
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
      return text.getBytes(StandardCharsets.UTF_8).length;
    }
  }
}
