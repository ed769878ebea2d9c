package dev.sourced.runtime.view;

/**
 * A query handler asked {@link dev.sourced.api.Views} for what cannot be served: a page of no views or
 * more than the limit, a cursor no page gave, or a key no view can have (longer than a key may be, or
 * not valid text). The query API answers 400, naming the request parameter the value came from when
 * one holds it. An {@link IllegalArgumentException}, as the {@code Views} contract has it.
 */
public final class InvalidViewRequestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient String value;

  /**
   * @param message what is wrong, the value received and what is allowed
   * @param value the offending value as text, to find the request parameter it came from
   */
  public InvalidViewRequestException(String message, String value) {
    super(message);
    this.value = value;
  }

  /** @return the offending value as text */
  public String value() {
    return value;
  }
}
