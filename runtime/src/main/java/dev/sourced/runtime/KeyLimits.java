package dev.sourced.runtime;

import dev.sourced.runtime.json.JsonInputException;
import dev.sourced.runtime.json.Text;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.store.DynamoDbEventStore;

/**
 * DynamoDB takes a partition key of at most 2048 bytes of UTF-8. Request values become parts of such
 * keys, so each has a limit derived from the longest key it becomes:
 *
 * <ul>
 *   <li>an aggregate id: {@code <aggregate>#<id>} (events), {@code checkpoint#<aggregate>#<id>} (every
 *       projection's checkpoint of the stream), {@code view#<id>} (views keyed by the aggregate id) and,
 *       longest, {@code idempotency#<aggregate>#<id>#<Idempotency-Key>} with room for the longest key;
 *   <li>a view key: {@code view#<key>};
 *   <li>a process manager's association key: {@code view#<key>} (its instance) and, longer, {@code claim#<key>};
 *   <li>the stream of a read-your-writes query: {@code checkpoint#<stream>};
 *   <li>a unique value ({@code @Unique}): {@code unique#<aggregate>#<scope>#<value>}, its reservation.
 * </ul>
 *
 * The item that records which value a stream holds in a scope, {@code unique-owner#<aggregate>#<id>#<scope>}, is
 * no longer than the idempotency record's key the aggregate id already leaves room for: a scope is at most
 * {@value #MAX_UNIQUE_SCOPE_CHARS} characters of ASCII, the longest Idempotency-Key {@value #MAX_IDEMPOTENCY_KEY_CHARS}
 * characters of up to 3 bytes.
 */
public final class KeyLimits {
  /** DynamoDB's limit on a partition key's value. */
  public static final int MAX_KEY_BYTES = 2048;
  /** The longest {@code Idempotency-Key}, in characters. */
  public static final int MAX_IDEMPOTENCY_KEY_CHARS = 128;
  /** The longest scope of a unique value (a kebab-case name, as the processor requires). */
  public static final int MAX_UNIQUE_SCOPE_CHARS = 40;
  /** A character of a Java string takes at most 3 bytes in UTF-8 (a surrogate pair, two characters, takes 4). */
  private static final int MAX_IDEMPOTENCY_KEY_BYTES = 3 * MAX_IDEMPOTENCY_KEY_CHARS;

  private KeyLimits() {}

  /**
   * @param aggregate an aggregate's name
   * @return the most bytes (UTF-8) one of its ids may take
   */
  public static int maxAggregateIdBytes(String aggregate) {
    int idempotency = Text.utf8Length(DynamoDbEventStore.IDEMPOTENCY_PREFIX + aggregate + "#" + "#") + MAX_IDEMPOTENCY_KEY_BYTES;
    return Math.min(maxStoredAggregateIdBytes(aggregate), MAX_KEY_BYTES - idempotency);
  }

  /** @return the most bytes (UTF-8) an id may take in its stream's key, its checkpoints' and a view keyed by it */
  private static int maxStoredAggregateIdBytes(String aggregate) {
    int stream = Text.utf8Length(aggregate + "#");
    int checkpoint = Text.utf8Length(ProjectionTable.CHECKPOINT + aggregate + "#");
    int view = Text.utf8Length(ProjectionTable.VIEW);
    return MAX_KEY_BYTES - Math.max(stream, Math.max(checkpoint, view));
  }

  /**
   * What keeps an aggregate id from being stored: empty, or too long for the longest key it becomes part of. The
   * message never repeats the id, which may be large.
   *
   * @param aggregate the aggregate's name
   * @param id the id
   * @return the problem, or null when the id fits
   */
  public static String aggregateIdProblem(String aggregate, String id) {
    if (id == null || id.isEmpty()) {
      return "must not be empty; it is the aggregate id";
    }
    int bytes = Text.utf8Length(id);
    int max = maxAggregateIdBytes(aggregate);
    return bytes <= max ? null : "is " + bytes + " bytes in UTF-8; ids of " + aggregate + " take at most " + max + " (DynamoDB's "
        + MAX_KEY_BYTES + "-byte key limit, less the longest key it is part of: " + DynamoDbEventStore.IDEMPOTENCY_PREFIX
        + aggregate + "#<id>#<Idempotency-Key>)";
  }

  /**
   * What keeps an aggregate id from being stored with the keys a command of it writes: empty, longer than its stream's
   * key, its checkpoints' and a view keyed by it allow, or, with an idempotency key, than the record's key allows. The
   * HTTP API asks more ({@link #aggregateIdProblem}: room for any Idempotency-Key a client may send), so that an id it
   * takes works with every key; a process manager's commands carry short keys of their own.
   *
   * @param aggregate the aggregate's name
   * @param id the id
   * @param scopedIdempotencyKey the idempotency record's key after its prefix, or null without one
   * @return the problem, or null when the id fits
   */
  public static String storedAggregateIdProblem(String aggregate, String id, String scopedIdempotencyKey) {
    if (id == null || id.isEmpty()) {
      return "must not be empty; it is the aggregate id";
    }
    int bytes = Text.utf8Length(id);
    int max = maxStoredAggregateIdBytes(aggregate);
    if (bytes > max) {
      return "is " + bytes + " bytes in UTF-8; ids of " + aggregate + " stored take at most " + max + " (DynamoDB's "
          + MAX_KEY_BYTES + "-byte key limit, less the longest key it is part of: " + ProjectionTable.CHECKPOINT + aggregate
          + "#<id>)";
    }
    int recordKey = scopedIdempotencyKey == null ? 0 : Text.utf8Length(DynamoDbEventStore.IDEMPOTENCY_PREFIX + scopedIdempotencyKey);
    return recordKey <= MAX_KEY_BYTES ? null : "is " + bytes + " bytes in UTF-8: with the command's idempotency key, its"
        + " record's key would be " + recordKey + " bytes; DynamoDB's key limit is " + MAX_KEY_BYTES;
  }

  /** @return the most bytes (UTF-8) a view key may take */
  public static int maxViewKeyBytes() {
    return MAX_KEY_BYTES - Text.utf8Length(ProjectionTable.VIEW);
  }

  /** @return the most bytes (UTF-8) a process manager's association key may take: its claim's key is the longest */
  public static int maxAssociationKeyBytes() {
    return MAX_KEY_BYTES - Math.max(Text.utf8Length(ProjectionTable.VIEW), Text.utf8Length(ProjectionTable.CLAIM));
  }

  /** @return the most bytes (UTF-8) a stream id may take to have a checkpoint */
  public static int maxCheckpointStreamBytes() {
    return MAX_KEY_BYTES - Text.utf8Length(ProjectionTable.CHECKPOINT);
  }

  /**
   * @param aggregate an aggregate's name
   * @param scope a scope it claims unique values in
   * @return the most bytes (UTF-8) one of its values may take: its reservation's key is
   *     {@code unique#<aggregate>#<scope>#<value>}
   */
  public static int maxUniqueValueBytes(String aggregate, String scope) {
    return MAX_KEY_BYTES - Text.utf8Length(DynamoDbEventStore.UNIQUE_PREFIX + aggregate + "#" + scope + "#");
  }

  /**
   * What keeps a value from being claimed as unique: null, empty, not valid text, or too long for its reservation's key.
   * The message never repeats the value, which may be large.
   *
   * @param aggregate the aggregate's name
   * @param scope the scope
   * @param value the value
   * @return the problem, e.g. {@code "is 2100 bytes in UTF-8; …"}, or null when the value can be claimed
   */
  public static String uniqueValueProblem(String aggregate, String scope, String value) {
    if (value == null) {
      return "must not be null; it is a unique " + scope + " of " + aggregate;
    }
    if (value.isEmpty()) {
      return "must not be empty; it is a unique " + scope + " of " + aggregate;
    }
    String text = Text.problem(value);
    if (text != null) {
      return text;
    }
    int bytes = Text.utf8Length(value);
    int max = maxUniqueValueBytes(aggregate, scope);
    if (bytes > max) {
      return "is " + bytes + " bytes in UTF-8; a unique " + scope + " of " + aggregate + " takes at most " + max
          + " (DynamoDB's " + MAX_KEY_BYTES + "-byte key limit, less '" + DynamoDbEventStore.UNIQUE_PREFIX + aggregate + "#"
          + scope + "#')";
    }
    return null;
  }

  /**
   * Checks a stream id a request names (a read-your-writes query's, a replay of one stream's): valid text that fits
   * a checkpoint's key.
   *
   * @param stream the stream id
   * @param path where the request holds it, e.g. {@code $.stream}
   * @throws JsonInputException when it is not valid text or too long
   */
  public static void checkStreamId(String stream, String path) {
    Text.check(stream, path);
    int bytes = Text.utf8Length(stream);
    if (bytes > maxCheckpointStreamBytes()) {
      throw new JsonInputException(path, "is " + bytes + " bytes in UTF-8; no stream id is longer than " + maxCheckpointStreamBytes());
    }
  }
}
