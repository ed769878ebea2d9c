package dev.sourced.runtime.projection;

/**
 * A stored view that the view record's codec cannot read back (its JSON no longer fits the record, or it
 * was damaged). The projection engine rebuilds such a view from its stream where it can, and reports it
 * either way; a query answers 500 {@code view-unreadable} for it, naming the projection and the key.
 */
public final class ViewUnreadableException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;

  /**
   * @param viewType the view record
   * @param key the view's key
   * @param cause what the codec threw
   */
  public ViewUnreadableException(Class<?> viewType, String key, RuntimeException cause) {
    super("the stored " + viewType.getSimpleName() + " view '" + key + "' cannot be read: " + cause.getMessage(), cause);
    this.key = key;
  }

  /** @return the view's key */
  public String key() {
    return key;
  }
}
