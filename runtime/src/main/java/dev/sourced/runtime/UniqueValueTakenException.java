package dev.sourced.runtime;

/**
 * A command would have its stream claim a unique value ({@code @Unique}) that another instance of the aggregate
 * holds. Nothing was written (HTTP 409 {@code unique-value-taken}). The message names the scope, never the value.
 */
public final class UniqueValueTakenException extends SourcedException {
  private static final long serialVersionUID = 1L;
  private final String aggregate;
  private final String scope;

  /**
   * @param aggregate the aggregate's name
   * @param scope the scope of the value
   */
  public UniqueValueTakenException(String aggregate, String scope) {
    super("the " + scope + " is taken: another " + aggregate + " holds it; nothing was written");
    this.aggregate = aggregate;
    this.scope = scope;
  }

  /** @return the aggregate's name */
  public String aggregate() {
    return aggregate;
  }

  /** @return the scope of the value */
  public String scope() {
    return scope;
  }
}
