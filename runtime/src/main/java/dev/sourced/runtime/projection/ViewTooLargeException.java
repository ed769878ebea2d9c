package dev.sourced.runtime.projection;

/**
 * A view grew past what DynamoDB can hold of it: more than {@value ViewItems#MAX_COMPRESSED_BYTES} bytes once
 * compressed (its JSON is usually 5 to 20 times that). Nothing of the commit was written; the stream's messages are
 * retried and then dead-lettered, as for a handler failure. Bound the view in its handlers, or key it more finely.
 */
public final class ViewTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  ViewTooLargeException(String table, String key, long jsonBytes, long compressedBytes) {
    super("view '" + abbreviate(key) + "' of " + table + " would be " + jsonBytes + " bytes of JSON, " + compressedBytes
        + " compressed; a view is stored in at most " + ViewItems.MAX_PARTS + " items of " + ViewItems.PART_BYTES
        + " compressed bytes (" + ViewItems.MAX_COMPRESSED_BYTES + "): bound it in its handlers, or key it more finely");
    this.key = key;
  }

  /** @return the view's key */
  public String key() {
    return key;
  }

  private static String abbreviate(String key) {
    if (key.length() <= 100) {
      return key;
    }
    int end = Character.isHighSurrogate(key.charAt(96)) ? 96 : 97; // never half a surrogate pair
    return key.substring(0, end) + "...";
  }
}
