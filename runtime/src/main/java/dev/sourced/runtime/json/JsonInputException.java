package dev.sourced.runtime.json;

import dev.sourced.runtime.SourcedException;

/** JSON that does not fit the expected record: malformed, or a field missing, null or of the wrong type. */
public final class JsonInputException extends SourcedException {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final String problem;

  public JsonInputException(String path, String message) {
    super(path + ": " + message);
    this.path = path;
    this.problem = message;
  }

  public JsonInputException(String path, String message, Throwable cause) {
    super(path + ": " + message, cause);
    this.path = path;
    this.problem = message;
  }

  /** @return what is wrong, without the path */
  public String problem() {
    return problem;
  }

  /** @return the JSON path of the offending value, e.g. {@code $.items[2].quantity} */
  public String path() {
    return path;
  }
}
