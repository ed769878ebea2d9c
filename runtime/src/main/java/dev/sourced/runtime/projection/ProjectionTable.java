package dev.sourced.runtime.projection;

import dev.sourced.runtime.KeyLimits;
import dev.sourced.runtime.json.Text;
import dev.sourced.runtime.store.TransientStoreException;
import dev.sourced.runtime.view.InvalidViewRequestException;
import dev.sourced.spi.TableKeys;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The items of one projection's table. Partition key {@code pk} (S); no sort key. */
public final class ProjectionTable {
  /** The key prefix of views: {@code view#<key>}. */
  public static final String VIEW = "view#";
  /** The key prefix of checkpoints: {@code checkpoint#<streamId>}. */
  public static final String CHECKPOINT = "checkpoint#";
  static final String REACTION = "reaction#";
  static final String STATUS = "status";
  static final String UNREADABLE = "unreadable#";
  static final String REJECTION = "rejection#";
  /** The key prefix of a process manager's claim on an instance: {@code claim#<association key>}. */
  public static final String CLAIM = "claim#";
  /** A set-aside view too large for one item even compressed keeps this many characters. */
  static final int SET_ASIDE_MAX_CHARS = 100_000;
  /** DynamoDB's limit on the items of one {@code TransactWriteItems}. */
  public static final int MAX_TRANSACTION_ITEMS = 100;
  /** DynamoDB's limit on the bytes of one {@code TransactWriteItems} is 4 MB (4,194,304); this leaves a margin. */
  public static final long MAX_TRANSACTION_BYTES = 4_000_000L;
  /** A rejection's message is kept up to this many characters. */
  static final int MAX_REJECTION_MESSAGE_CHARS = 2_000;
  private static final String PK = TableKeys.PROJECTION_PARTITION;

  private final DynamoDbClient dynamoDb;
  private final String table;

  public ProjectionTable(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.table = Objects.requireNonNull(table, "table");
  }

  /** @return the table name */
  public String name() {
    return table;
  }

  /**
   * A view as stored.
   *
   * @param key the view key
   * @param data its JSON
   * @param revision bumped by every write; writes are conditional on it
   * @param parts how many items hold it: 1, or more for a large view ({@link ViewItems})
   * @param writeId the random id of the write that stored it, or null (a view written before views carried one): a
   *     write conditional on it also fails when the view was deleted and written again up to the same revision since
   */
  public record StoredView(String key, String data, long revision, int parts, String writeId) {}

  private static String writeIdOf(Map<String, AttributeValue> item) {
    AttributeValue write = item.get("wid");
    return write == null ? null : write.s();
  }

  /** @return the last version of a stream applied, 0 if none */
  public long checkpoint(String streamId) {
    Map<String, AttributeValue> item = get(CHECKPOINT + streamId);
    return item == null ? 0 : Long.parseLong(item.get("lastVersion").n());
  }

  /** BatchGetItem's limit on keys per call. */
  private static final int MAX_BATCH_GET = 100;
  /** The most items one page of {@link #views} asks DynamoDB to evaluate. */
  private static final int MAX_LIST_EVALUATED = 10_000;
  /**
   * A page of {@link #views} ends before a view that would take it past this many bytes as an answer carries them
   * ({@link Text#jsonStringBytes}; and holds at least one view), so that a page of large views is read a few at a time,
   * and can be answered.
   */
  static final int MAX_PAGE_ANSWER_BYTES = ViewItems.MAX_ANSWER_BYTES;

  /**
   * The checkpoints of several streams, read together ({@code BatchGetItem}, strongly consistent, 100 keys a call).
   *
   * @return the last version applied of each stream that was read (0 if none); a stream DynamoDB left unprocessed
   *     after a few tries is missing, and its caller reads it alone
   */
  public Map<String, Long> checkpoints(java.util.Collection<String> streamIds) {
    return read(streamIds, List.of()).checkpoints();
  }

  /**
   * What {@link #read} found.
   *
   * @param checkpoints per stream read, the last version applied (0 if none)
   * @param views per key read, the view or null when there is none
   */
  public record CheckpointsAndViews(Map<String, Long> checkpoints, Map<String, StoredView> views) {}

  /**
   * Several streams' checkpoints and several views, read together in one {@code BatchGetItem} (strongly consistent,
   * 100 keys a call): what a projection batch reads ahead.
   *
   * @return what was read; a stream or key DynamoDB left unprocessed after a few tries is missing, and its caller reads
   *     it alone; so is a large view (stored compressed), so that a batch never holds many of them at once
   */
  public CheckpointsAndViews read(java.util.Collection<String> streamIds, java.util.Collection<String> keys) {
    List<String> ids = new ArrayList<>(streamIds.size() + keys.size());
    streamIds.forEach(streamId -> ids.add(CHECKPOINT + streamId));
    keys.forEach(key -> ids.add(VIEW + key));
    Map<String, Map<String, AttributeValue>> items = batchGet(ids);
    Map<String, Long> checkpoints = new HashMap<>();
    Map<String, StoredView> views = new HashMap<>();
    items.forEach((id, item) -> {
      if (id.startsWith(CHECKPOINT)) {
        checkpoints.put(id.substring(CHECKPOINT.length()), item == null ? 0 : Long.parseLong(item.get("lastVersion").n()));
      } else {
        String key = id.substring(VIEW.length());
        if (item == null || !item.containsKey("gz")) {
          views.put(key, item == null ? null
              : new StoredView(key, item.get("data").s(), Long.parseLong(item.get("rev").n()), 1, writeIdOf(item)));
        }
      }
    });
    return new CheckpointsAndViews(checkpoints, views);
  }

  /** @return per partition key read: its item, or null when there is none; keys left unprocessed after three tries are missing */
  private Map<String, Map<String, AttributeValue>> batchGet(java.util.Collection<String> ids) {
    Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
    for (int from = 0; from < all.size(); from += MAX_BATCH_GET) {
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (String id : all.subList(from, Math.min(all.size(), from + MAX_BATCH_GET))) {
        keys.add(Map.of(PK, s(id)));
        items.put(id, null);
      }
      Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
      for (int attempt = 1; request != null && !request.isEmpty(); attempt++) {
        Map<String, KeysAndAttributes> pending = request;
        BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(pending));
        for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
          items.put(item.get(PK).s(), item);
        }
        request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : null;
        if (request != null && !request.isEmpty() && attempt >= 3) {
          request.getOrDefault(table, KeysAndAttributes.builder().build()).keys()
              .forEach(key -> items.remove(key.get(PK).s()));
          break;
        }
      }
    }
    return items;
  }

  /**
   * @return a view, or null
   * @throws TransientStoreException when the view was written again while its parts were read, {@value #MAX_PART_READS}
   *     times in a row
   * @throws IllegalStateException when its parts do not match its item although no write came between: damaged
   */
  public StoredView view(String key) {
    String lastWrite = null;
    for (int attempt = 1; ; attempt++) {
      Map<String, AttributeValue> item = get(VIEW + key);
      if (item == null) {
        return null;
      }
      StoredView view = assemble(key, item);
      if (view != null) {
        return view;
      }
      String write = writeIdOf(item);
      if (attempt > 1 && Objects.equals(write, lastWrite)) {
        throw new IllegalStateException("the parts of view '" + key + "' of " + table + " do not match its item (write "
            + write + "), and no write came between two reads: the view is damaged");
      }
      lastWrite = write;
      if (attempt >= MAX_PART_READS) {
        throw new TransientStoreException("view '" + key + "' of " + table + " was written again while its parts were read, "
            + MAX_PART_READS + " times", null);
      }
    }
  }

  /** How often a view's item and its parts are read before giving up because writes keep coming in between. */
  private static final int MAX_PART_READS = 5;

  /** @return the view an item read (by a batch or a scan) holds, reading its parts, and reading it again if need be */
  private StoredView viewOf(String key, Map<String, AttributeValue> item) {
    StoredView view = assemble(key, item);
    return view != null ? view : view(key);
  }

  /**
   * @return the view a view's item holds, its other parts read; null when a part is missing or of another write: the
   *     view was written again between the reads
   */
  private StoredView assemble(String key, Map<String, AttributeValue> item) {
    long revision = Long.parseLong(item.get("rev").n());
    AttributeValue data = item.get("data");
    if (data != null) {
      return new StoredView(key, data.s(), revision, 1, writeIdOf(item));
    }
    byte[] first = item.get("gz").b().asByteArrayUnsafe();
    int parts = item.containsKey("parts") ? Integer.parseInt(item.get("parts").n()) : 1;
    List<byte[]> compressed = new ArrayList<>(parts);
    compressed.add(first);
    String write = writeIdOf(item);
    if (parts > 1) {
      List<String> ids = new ArrayList<>();
      for (int index = 1; index < parts; index++) {
        ids.add(ViewItems.partKey(key, index));
      }
      Map<String, Map<String, AttributeValue>> read = batchGet(ids);
      for (String id : ids) {
        if (!read.containsKey(id)) { // left unprocessed (throttled), not missing
          throw new TransientStoreException("DynamoDB left parts of view '" + key + "' of " + table + " unread", null);
        }
        Map<String, AttributeValue> part = read.get(id);
        if (part == null || write == null || !write.equals(writeIdOf(part))) {
          return null;
        }
        compressed.add(part.get("gz").b().asByteArrayUnsafe());
      }
    }
    return new StoredView(key, ViewItems.decompress(compressed), revision, parts, write);
  }

  /** @return whether the reactor already ran for an event */
  public boolean reacted(String eventId) {
    return get(REACTION + eventId) != null;
  }

  /**
   * @param commandKey the idempotency key a process manager sent a command with
   * @return the rejection recorded for it, or null
   */
  public dev.sourced.api.DomainException rejection(String commandKey) {
    Map<String, AttributeValue> item = get(REJECTION + commandKey);
    return item == null ? null : new dev.sourced.api.DomainException(item.get("code").s(), item.get("message").s());
  }

  /**
   * Records that a process manager's command was rejected, so that handling its event again replays the rejection
   * instead of sending the command again into a world that may now accept it.
   *
   * @param commandKey the idempotency key it was sent with
   * @param rejection why it was rejected
   */
  public void recordRejection(String commandKey, dev.sourced.api.DomainException rejection) {
    String message = rejection.getMessage() == null ? "" : rejection.getMessage();
    message = Text.prefix(message, MAX_REJECTION_MESSAGE_CHARS);
    Map<String, AttributeValue> item = Map.of(PK, s(REJECTION + commandKey), "code", s(rejection.code()), "message", s(message),
        "at", s(Instant.now().toString()));
    dynamoDb.putItem(r -> r.tableName(table).item(item));
  }

  /**
   * Claims a view for one writer at the revision it read: a process manager's step claims its instance before it sends
   * anything, so that no other step decides on the same instance until this one committed. The claim is free when there
   * is none, when it is this trigger's (a step run again), when its revision is below the view's (its step committed),
   * or when it is older than {@code expiry} (its step died and was not retried).
   *
   * @param key the view key
   * @param revision the view's revision as read, 0 when there is none; the claim fails if it changed
   * @param trigger what the step runs for (an event id, a deadline id)
   * @param now the time
   * @param expiry how long a claim holds without its step committing
   * @return whether the claim was taken; false when another step holds it or the view moved on
   */
  public boolean claim(String key, long revision, String trigger, Instant now, java.time.Duration expiry) {
    ConditionCheck view = revision == 0
        ? ConditionCheck.builder().tableName(table).key(Map.of(PK, s(VIEW + key))).conditionExpression("attribute_not_exists(" + PK + ")").build()
        : ConditionCheck.builder().tableName(table).key(Map.of(PK, s(VIEW + key))).conditionExpression("rev = :rev")
            .expressionAttributeValues(Map.of(":rev", n(revision))).build();
    Put claim = Put.builder().tableName(table)
        .item(Map.of(PK, s(CLAIM + key), "trigger", s(trigger), "rev", n(revision), "at", n(now.toEpochMilli())))
        .conditionExpression("attribute_not_exists(" + PK + ") OR #trigger = :trigger OR #rev < :rev OR #at < :expired")
        .expressionAttributeNames(Map.of("#trigger", "trigger", "#rev", "rev", "#at", "at"))
        .expressionAttributeValues(Map.of(":trigger", s(trigger), ":rev", n(revision), ":expired", n(now.minus(expiry).toEpochMilli())))
        .build();
    try {
      dynamoDb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().conditionCheck(view).build(),
          TransactWriteItem.builder().put(claim).build()));
      return true;
    } catch (software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException taken) {
      return false;
    }
  }

  /**
   * Releases a claim once its step committed (or decided nothing): only this trigger's.
   *
   * @param key the view key
   * @param trigger the trigger that took it
   */
  public void releaseClaim(String key, String trigger) {
    try {
      dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of(PK, s(CLAIM + key))).conditionExpression("#trigger = :trigger")
          .expressionAttributeNames(Map.of("#trigger", "trigger")).expressionAttributeValues(Map.of(":trigger", s(trigger))));
    } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException gone) {
      // another step took it since, or it was released before
    }
  }

  /**
   * @return whether another trigger's step holds a claim on the view at its current revision that has not expired: a
   *     step in flight
   */
  public boolean claimedByAnother(String key, long revision, String trigger, Instant now, java.time.Duration expiry) {
    Map<String, AttributeValue> claim = get(CLAIM + key);
    return claim != null && !claim.get("trigger").s().equals(trigger) && Long.parseLong(claim.get("rev").n()) >= revision
        && Long.parseLong(claim.get("at").n()) >= now.minus(expiry).toEpochMilli();
  }

  /** @return when the table was created (DescribeTable) */
  public Instant createdAt() {
    return dynamoDb.describeTable(r -> r.tableName(table)).table().creationDateTime();
  }

  private Map<String, AttributeValue> get(String pk) {
    GetItemResponse response = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(PK, s(pk))));
    return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
  }

  /**
   * One page of views in storage order.
   *
   * @param limit at most this many
   * @param cursor null, or the {@code nextCursor} of the previous page
   * @return the views and the next cursor (null on the last page); fewer than {@code limit} with a cursor when the
   *     next view would take the page past {@value #MAX_PAGE_ANSWER_BYTES} bytes as an answer carries them
   * @throws InvalidViewRequestException for a cursor no page gave
   */
  public Page views(int limit, String cursor) {
    List<StoredView> views = new ArrayList<>();
    long pageBytes = 0;
    Map<String, AttributeValue> start = cursor == null ? null : Map.of(PK, s(decode(cursor)));
    String last = null;
    // about twice the views still wanted (checkpoints sit between them), twice as many again after a page with too
    // few: DynamoDB Local reads every remaining item of the table for a page without a limit, the cloud up to 1 MB
    int evaluate = Math.min(MAX_LIST_EVALUATED, 2 * limit + 2);
    while (views.size() < limit) {
      Map<String, AttributeValue> from = start;
      int wanted = limit - views.size();
      int asked = evaluate;
      ScanResponse page = dynamoDb.scan(r -> r.tableName(table).exclusiveStartKey(from)
          .filterExpression("begins_with(" + PK + ", :v)").expressionAttributeValues(Map.of(":v", s(VIEW))).limit(asked));
      for (Map<String, AttributeValue> item : page.items()) {
        if (views.size() == limit) {
          return new Page(views, encode(last));
        }
        String pk = item.get(PK).s();
        long bytes = item.containsKey("answerBytes") ? Long.parseLong(item.get("answerBytes").n())
            : item.containsKey("data") ? Text.jsonStringBytes(item.get("data").s()) : Long.parseLong(item.get("bytes").n());
        if (!views.isEmpty() && pageBytes + bytes > MAX_PAGE_ANSWER_BYTES) {
          return new Page(views, encode(last));
        }
        StoredView view = viewOf(pk.substring(VIEW.length()), item);
        if (view != null) { // null: deleted since the scan read it
          views.add(view);
          pageBytes += bytes;
        }
        last = pk;
      }
      if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
        return new Page(views, null);
      }
      start = page.lastEvaluatedKey();
      if (page.count() < wanted) {
        evaluate = Math.min(MAX_LIST_EVALUATED, evaluate * 2);
      }
    }
    return new Page(views, encode(last));
  }

  /**
   * @param views the views of this page
   * @param nextCursor for the next page, or null
   */
  public record Page(List<StoredView> views, String nextCursor) {}

  /** @return the key a cursor holds: base64url of a view's key item, as {@link #encode} wrote it */
  private static String decode(String cursor) {
    String pk;
    try {
      pk = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor))).toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      pk = null;
    }
    if (pk == null || !pk.startsWith(VIEW) || pk.getBytes(StandardCharsets.UTF_8).length > KeyLimits.MAX_KEY_BYTES) {
      throw new InvalidViewRequestException("the cursor '" + Text.abbreviate(cursor, 40)
          + "' is not one a page gave; pass null for the first page, else the previous page's nextCursor", cursor);
    }
    return pk;
  }

  private static String encode(String pk) {
    return pk == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(pk.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes that move one stream's checkpoint, committed together. */
  public final class Commit {
    private final List<TransactWriteItem> writes = new ArrayList<>();
    private final Map<String, Integer> partsWritten = new HashMap<>();
    private final Map<String, String> writeIds = new HashMap<>();
    private long bytes;

    /** Moves the checkpoint from {@code from} to {@code to}, conditional on {@code from}. */
    public Commit checkpoint(String streamId, long from, long to) {
      Map<String, AttributeValue> item = Map.of(PK, s(CHECKPOINT + streamId), "lastVersion", n(to),
          "updatedAt", s(Instant.now().toString()));
      Put.Builder put = Put.builder().tableName(table).item(item);
      if (from == 0) {
        put.conditionExpression("attribute_not_exists(" + PK + ")");
      } else {
        put.conditionExpression("lastVersion = :from").expressionAttributeValues(Map.of(":from", n(from)));
      }
      writes.add(TransactWriteItem.builder().put(put.build()).build());
      return this;
    }

    /**
     * Writes or deletes a view, conditional on the revision it was read at (0: did not exist); a large view is
     * compressed, and cut into parts when it must be ({@link ViewItems}).
     *
     * @param readParts how many items held the view as read ({@link StoredView#parts()}; 1 when there was none): the
     *     parts it no longer needs are deleted
     * @throws ViewTooLargeException when the view would take more than {@value ViewItems#MAX_ANSWER_BYTES} bytes in an
     *     answer, or more than {@value ViewItems#MAX_PARTS} items
     */
    public Commit view(String key, String data, long readRevision, int readParts) {
      return view(key, data, readRevision, readParts, null, null);
    }

    /**
     * {@link #view(String, String, long, int)}, conditional also on the write id the view was read with, when it had one
     * (every write gives the view a new random one, {@link #writeId}), and on its stored JSON being {@code readData}
     * when that is given: for a view the engine kept from its own write instead of reading it, so that a change made
     * since by anyone, even one that left the revision and write id as they were (an operator's edit), cancels the
     * commit as it would have been seen by a read.
     */
    public Commit view(String key, String data, long readRevision, int readParts, String readWriteId, String readData) {
      StringBuilder condition = new StringBuilder("rev = :rev");
      Map<String, AttributeValue> values = new HashMap<>();
      values.put(":rev", n(readRevision));
      if (readWriteId != null) {
        condition.append(" AND wid = :wid");
        values.put(":wid", s(readWriteId));
      }
      Map<String, String> names = null;
      if (readData != null) {
        condition.append(" AND #data = :data");
        values.put(":data", s(readData));
        names = Map.of("#data", "data"); // the 4 MB of a transaction count its items, not its conditions
      }
      if (data == null) {
        if (readRevision > 0) {
          writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(Map.of(PK, s(VIEW + key)))
              .conditionExpression(condition.toString()).expressionAttributeNames(names).expressionAttributeValues(values)
              .build()).build());
          deleteParts(key, 1, readParts);
        }
        partsWritten.put(key, 1);
        return this;
      }
      Map<String, AttributeValue> item = new HashMap<>();
      item.put(PK, s(VIEW + key));
      String write = ViewItems.writeId();
      item.put("wid", s(write));
      writeIds.put(key, write);
      int parts = 1;
      if (ViewItems.inline(data)) {
        bytes += (data.length() * 3L <= 30_000 ? data.length() * 3L : Text.utf8Length(data)) + key.length() * 3L + 100;
        item.put("data", s(data));
      } else {
        long answerBytes = Text.jsonStringBytes(data);
        if (answerBytes > ViewItems.MAX_ANSWER_BYTES) {
          throw new ViewTooLargeException(table, key, answerBytes, -1);
        }
        int jsonBytes = Text.utf8Length(data);
        byte[] compressed = ViewItems.compress(data);
        if (compressed.length > ViewItems.MAX_COMPRESSED_BYTES) {
          throw new ViewTooLargeException(table, key, answerBytes, compressed.length);
        }
        parts = ViewItems.parts(compressed.length);
        bytes += compressed.length + key.length() * 3L + 100 + (parts - 1) * 100L;
        item.put("gz", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(
            Arrays.copyOfRange(compressed, 0, Math.min(compressed.length, ViewItems.PART_BYTES)))));
        item.put("bytes", n(jsonBytes));
        item.put("answerBytes", n(answerBytes));
        if (parts > 1) {
          item.put("parts", n(parts));
          // the other parts need no condition: the view's item carries it, and the transaction writes all or nothing
          for (int index = 1; index < parts; index++) {
            int from = index * ViewItems.PART_BYTES;
            byte[] part = Arrays.copyOfRange(compressed, from, Math.min(compressed.length, from + ViewItems.PART_BYTES));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                PK, s(ViewItems.partKey(key, index)), "gz", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(part)),
                "wid", s(write))).build()).build());
          }
        }
      }
      deleteParts(key, parts, readParts);
      partsWritten.put(key, parts);
      item.put("rev", n(readRevision + 1));
      item.put("updatedAt", s(Instant.now().toString()));
      Put.Builder put = Put.builder().tableName(table).item(item);
      if (readRevision == 0) {
        put.conditionExpression("attribute_not_exists(" + PK + ")");
      } else {
        put.conditionExpression(condition.toString()).expressionAttributeNames(names).expressionAttributeValues(values);
      }
      writes.add(TransactWriteItem.builder().put(put.build()).build());
      return this;
    }

    /** @return the write id this commit gives the view, or null when it deletes it or does not write it */
    public String writeId(String key) {
      return writeIds.get(key);
    }

    /** Deletes the parts {@code from} (1..) up to {@code to} (exclusive) of a view. */
    private void deleteParts(String key, int from, int to) {
      for (int index = from; index < to; index++) {
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
            .key(Map.of(PK, s(ViewItems.partKey(key, index)))).build()).build());
      }
    }

    /** @return how many items hold the view this commit writes (1 for a deletion), or 0 when it does not write it */
    public int partsWritten(String key) {
      return partsWritten.getOrDefault(key, 0);
    }

    /**
     * Keeps the data of a view that could not be read, as {@code unreadable#view#<key>#<revision>}, for an
     * operator to look at; written with the view that replaces it. Data too large for one item is kept compressed
     * ({@code gz}); if even that is too large, its first {@value #SET_ASIDE_MAX_CHARS} characters are kept, with the
     * length it had ({@code truncatedFrom}). The reason is kept up to {@value #MAX_REJECTION_MESSAGE_CHARS} characters.
     */
    public Commit setAside(String key, String data, long revision, String reason) {
      Map<String, AttributeValue> item = new HashMap<>();
      String why = Text.prefix(reason, MAX_REJECTION_MESSAGE_CHARS);
      item.put(PK, s(UNREADABLE + VIEW + key + "#" + revision));
      item.put("reason", s(why));
      item.put("at", s(Instant.now().toString()));
      long kept;
      if (ViewItems.inline(data)) {
        item.put("data", s(data));
        kept = Math.min(data.length() * 3L, ViewItems.INLINE_MAX_BYTES);
      } else {
        byte[] compressed = ViewItems.compress(data);
        if (compressed.length <= ViewItems.PART_BYTES) {
          item.put("gz", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(compressed)));
          kept = compressed.length;
        } else {
          item.put("data", s(Text.prefix(data, SET_ASIDE_MAX_CHARS)));
          item.put("truncatedFrom", n(data.length()));
          kept = 3L * SET_ASIDE_MAX_CHARS;
        }
      }
      bytes += kept + key.length() * 3L + why.length() * 3L + 100;
      writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build());
      return this;
    }

    /** Marks a reactor as run for an event. */
    public Commit reaction(String eventId) {
      writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
          .item(Map.of(PK, s(REACTION + eventId), "at", s(Instant.now().toString())))
          .conditionExpression("attribute_not_exists(" + PK + ")").build()).build());
      return this;
    }

    /** @return how many writes are pending */
    public int size() {
      return writes.size();
    }

    /** @return an upper bound of the bytes its items take in a transaction (for DynamoDB's 4 MB limit) */
    public long approximateBytes() {
      return bytes + writes.size() * 300L;
    }

    /** @return whether it fits one transaction: {@value #MAX_TRANSACTION_ITEMS} items, about 4 MB */
    public boolean fitsOneTransaction() {
      return writes.size() <= MAX_TRANSACTION_ITEMS && approximateBytes() <= MAX_TRANSACTION_BYTES;
    }

    /** Commits all writes in one transaction. */
    public void execute() {
      dynamoDb.transactWriteItems(r -> r.transactItems(writes));
    }
  }

  /**
   * Executes several commits (of different streams, touching different views) in one transaction: all or none.
   *
   * @param commits at most 100 items in all
   */
  public void executeTogether(List<Commit> commits) {
    List<TransactWriteItem> all = new ArrayList<>();
    commits.forEach(commit -> all.addAll(commit.writes));
    dynamoDb.transactWriteItems(r -> r.transactItems(all));
  }

  /** @return a new, empty commit */
  public Commit commit() {
    return new Commit();
  }

  /** Adds to the status item's counters; best-effort. Never sets the state: only a replay makes a version READY. */
  public void recordApplied(int events, Instant lastEventTime) {
    if (events == 0) {
      return;
    }
    try {
      dynamoDb.updateItem(r -> r.tableName(table).key(Map.of(PK, s(STATUS)))
          .updateExpression("ADD eventsApplied :n SET lastEventAt = :t")
          .expressionAttributeValues(Map.of(":n", n(events), ":t", s(lastEventTime.toString()))));
    } catch (SdkException e) {
      // counters are for operators; never fail a batch for them
    }
  }

  /** @return the projection version's status: NEW when nothing was recorded yet */
  public ProjectionStatus status() {
    Map<String, AttributeValue> item = get(STATUS);
    if (item == null) {
      return new ProjectionStatus(ProjectionStatus.State.NEW, 0, null, null);
    }
    ProjectionStatus.Replay replay = item.containsKey("replayId") ? new ProjectionStatus.Replay(item.get("replayId").s(),
        text(item, "replayMode"), instant(item, "replayStartedAt"), instant(item, "replayFinishedAt"), number(item, "replayScanned"),
        number(item, "replaySent"), number(item, "appliedAtReplayStart")) : null;
    return new ProjectionStatus(
        item.containsKey("state") ? ProjectionStatus.State.valueOf(item.get("state").s()) : ProjectionStatus.State.NEW,
        number(item, "eventsApplied"), instant(item, "lastEventAt"), replay);
  }

  /**
   * Records that a replay starts: its id, mode and start, counters from zero; moves a version that is not READY to
   * REPLAYING (a READY one stays READY: the replay only catches up).
   *
   * @return the status as it was before
   */
  public ProjectionStatus startReplay(String id, String mode, Instant at) {
    ProjectionStatus before = status();
    ProjectionStatus.State state = before.ready() ? ProjectionStatus.State.READY : ProjectionStatus.State.REPLAYING;
    dynamoDb.updateItem(r -> r.tableName(table).key(Map.of(PK, s(STATUS)))
        .updateExpression("SET #state = :state, replayId = :id, replayMode = :mode, replayStartedAt = :at, replayScanned = :zero,"
            + " replaySent = :zero, appliedAtReplayStart = :applied REMOVE replayFinishedAt")
        .expressionAttributeNames(Map.of("#state", "state"))
        .expressionAttributeValues(Map.of(":state", s(state.name()), ":id", s(id), ":mode", s(mode), ":at", s(at.toString()),
            ":zero", n(0), ":applied", n(before.eventsApplied()))));
    return before;
  }

  /** Adds to the running replay's counters (only while {@code id} is the replay the status names). */
  public void recordReplayed(String id, long scanned, long sent) {
    try {
      dynamoDb.updateItem(r -> r.tableName(table).key(Map.of(PK, s(STATUS)))
          .updateExpression("ADD replayScanned :scanned, replaySent :sent")
          .conditionExpression("replayId = :id")
          .expressionAttributeValues(Map.of(":scanned", n(scanned), ":sent", n(sent), ":id", s(id))));
    } catch (SdkException e) {
      // counters are for operators (a newer replay replaced this one, or DynamoDB refused): never fail a read for them
    }
  }

  /** Records that a replay finished: the version is READY. */
  public void finishReplay(String id, Instant at) {
    dynamoDb.updateItem(r -> r.tableName(table).key(Map.of(PK, s(STATUS)))
        .updateExpression("SET #state = :ready, replayFinishedAt = :at")
        .conditionExpression("replayId = :id")
        .expressionAttributeNames(Map.of("#state", "state"))
        .expressionAttributeValues(Map.of(":ready", s(ProjectionStatus.State.READY.name()), ":at", s(at.toString()), ":id", s(id))));
  }

  /** Sets the state directly (tests, and an operator's repair). */
  public void setState(ProjectionStatus.State state) {
    dynamoDb.updateItem(r -> r.tableName(table).key(Map.of(PK, s(STATUS)))
        .updateExpression("SET #state = :s").expressionAttributeNames(Map.of("#state", "state"))
        .expressionAttributeValues(Map.of(":s", s(state.name()))));
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    return item.containsKey(name) ? item.get(name).s() : null;
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    return item.containsKey(name) ? Instant.parse(item.get(name).s()) : null;
  }

  private static long number(Map<String, AttributeValue> item, String name) {
    return item.containsKey(name) ? Long.parseLong(item.get(name).n()) : 0;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
