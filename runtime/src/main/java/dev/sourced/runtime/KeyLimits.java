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
 *   <li>the stream of a read-your-writes query: {@code checkpoint#<stream>}.
 * </ul>
 */
public final class KeyLimits {
  /** DynamoDB's limit on a partition key's value. */
  public static final int MAX_KEY_BYTES = 2048;
  /** The longest {@code Idempotency-Key}, in characters. */
  public static final int MAX_IDEMPOTENCY_KEY_CHARS = 128;
  /** A character of a Java string takes at most 3 bytes in UTF-8 (a surrogate pair, two characters, takes 4). */
  private static final int MAX_IDEMPOTENCY_KEY_BYTES = 3 * MAX_IDEMPOTENCY_KEY_CHARS;

  private KeyLimits() {}

  /**
   * @param aggregate an aggregate's name
   * @return the most bytes (UTF-8) one of its ids may take
   */
  public static int maxAggregateIdBytes(String aggregate) {
    int stream = Text.utf8Length(aggregate + "#");
    int idempotency = Text.utf8Length(DynamoDbEventStore.IDEMPOTENCY_PREFIX + aggregate + "#" + "#") + MAX_IDEMPOTENCY_KEY_BYTES;
    int checkpoint = Text.utf8Length(ProjectionTable.CHECKPOINT + aggregate + "#");
    int view = Text.utf8Length(ProjectionTable.VIEW);
    return MAX_KEY_BYTES - Math.max(Math.max(stream, idempotency), Math.max(checkpoint, view));
  }

  /** @return the most bytes (UTF-8) a view key may take */
  public static int maxViewKeyBytes() {
    return MAX_KEY_BYTES - Text.utf8Length(ProjectionTable.VIEW);
  }

  /** @return the most bytes (UTF-8) a stream id may take to have a checkpoint */
  public static int maxCheckpointStreamBytes() {
    return MAX_KEY_BYTES - Text.utf8Length(ProjectionTable.CHECKPOINT);
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
