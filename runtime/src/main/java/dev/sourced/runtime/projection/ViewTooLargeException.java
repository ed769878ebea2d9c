package dev.sourced.runtime.projection;

/**
 * A view grew past what a view may take: more than {@value ViewItems#MAX_ANSWER_BYTES} bytes in a function's answer
 * (any stored view must be servable: Lambda returns at most 6 MB), or more than
 * {@value ViewItems#MAX_COMPRESSED_BYTES} bytes once compressed (what one transaction holds of it). The event that would make it so fails as a handler's exception does: the
 * stream's events before it are committed, and it and the later ones are retried and then dead-lettered. Bound the view
 * in its handlers, or key it more finely.
 */
public final class ViewTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * @param answerBytes what it would take in a function's answer
   * @param compressedBytes its size compressed, or -1 when it is too large for an answer already
   */
  ViewTooLargeException(String table, String key, long answerBytes, long compressedBytes) {
    super("view '" + dev.sourced.runtime.json.Text.abbreviate(key, 100) + "' of " + table + " would take " + answerBytes + " bytes in an answer"
        + (compressedBytes < 0 ? "" : ", " + compressedBytes + " compressed") + "; a view takes at most "
        + ViewItems.MAX_ANSWER_BYTES + " in an answer (Lambda returns 6 MB) and " + ViewItems.MAX_PARTS + " items of "
        + ViewItems.PART_BYTES + " compressed bytes (" + ViewItems.MAX_COMPRESSED_BYTES
        + "): bound it in its handlers, or key it more finely");
    this.key = key;
  }

  /** @return the view's key */
  public String key() {
    return key;
  }
}
