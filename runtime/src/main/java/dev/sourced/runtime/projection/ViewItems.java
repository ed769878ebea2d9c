package dev.sourced.runtime.projection;

import dev.sourced.runtime.json.Text;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a view's JSON is kept in DynamoDB items, whose limit is 400 KB each (and 4 MB for one transaction).
 *
 * <ul>
 *   <li>Up to {@value #INLINE_MAX_BYTES} bytes of UTF-8: as text, attribute {@code data} of {@code view#<key>}.</li>
 *   <li>Longer: gzip-compressed, attribute {@code gz} (binary). When the compressed bytes exceed {@value #PART_BYTES},
 *       they are cut into parts of that size: the first stays in the view's item, which says how many there are
 *       ({@code parts}); the others are items {@code part#<digest of the key>#<n>}. The view's item and its parts carry
 *       the same random write id ({@code wid}, new with every write), and are written, and the parts no longer needed
 *       deleted, in the same transaction. A reader that finds a part of another write read between two writes, and
 *       reads again.</li>
 *   <li>At most {@value #MAX_ANSWER_BYTES} bytes as a function's answer carries it (its JSON written as a JSON string,
 *       {@link Text#jsonStringBytes}), so that any stored view can be served (Lambda returns at most 6 MB), and at most
 *       {@value #MAX_PARTS} parts, {@value #MAX_COMPRESSED_BYTES} compressed bytes, so that one event's commit fits one
 *       transaction. A larger view is refused ({@link ViewTooLargeException}).</li>
 * </ul>
 */
final class ViewItems {
  /** Longer JSON (UTF-8 bytes) is compressed: with a 2 KB key and the other attributes, the item stays below 400 KB. */
  static final int INLINE_MAX_BYTES = 340_000;
  /** The compressed bytes one item holds. */
  static final int PART_BYTES = 340_000;
  /** The most items one view takes. */
  static final int MAX_PARTS = 10;
  /** The most compressed bytes a view may take. */
  static final int MAX_COMPRESSED_BYTES = PART_BYTES * MAX_PARTS;
  /**
   * The most bytes a view may take in a function's answer ({@link Text#jsonStringBytes} of its JSON): Lambda returns at
   * most 6 MB, less the answer's envelope. Its JSON's UTF-8 bytes are never more.
   */
  static final int MAX_ANSWER_BYTES = 5_000_000;
  /** The key prefix of a view's parts after the first: {@code part#<digest>#<n>}. */
  static final String PART = "part#";

  private ViewItems() {}

  /** @return whether the JSON is kept as text in the view's item */
  static boolean inline(String json) {
    return json.length() * 3L <= INLINE_MAX_BYTES || Text.utf8Length(json) <= INLINE_MAX_BYTES;
  }

  /**
   * @param key the view's key
   * @param index 1.. (the first part is in the view's item)
   * @return the partition key of a part: a digest of the key (fixed length, so that every key a view may have gives a
   *     valid part key)
   */
  static String partKey(String key, int index) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((ProjectionTable.VIEW + key).getBytes(StandardCharsets.UTF_8));
      return PART + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "#" + index;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** @return the JSON, gzip-compressed */
  static byte[] compress(String json) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, json.length() / 4));
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024)) {
      gzip.write(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** @return the JSON the parts hold, in order */
  static String decompress(List<byte[]> parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(all), 64 * 1024)) {
      byte[] json = gzip.readNBytes(MAX_ANSWER_BYTES + 1); // no view is larger: never inflate more than that
      if (json.length > MAX_ANSWER_BYTES) {
        throw new IllegalStateException("a stored view's compressed data inflates to more than " + MAX_ANSWER_BYTES
            + " bytes, which no view is written with: it is damaged");
      }
      return new String(json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored view's compressed data cannot be read", e);
    }
  }

  /** @return a new write id: 12 random bytes, base64url */
  static String writeId() {
    byte[] id = new byte[12];
    java.util.concurrent.ThreadLocalRandom.current().nextBytes(id);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
  }

  /** @return how many parts the compressed bytes take */
  static int parts(int compressedBytes) {
    return Math.max(1, (compressedBytes + PART_BYTES - 1) / PART_BYTES);
  }
}
