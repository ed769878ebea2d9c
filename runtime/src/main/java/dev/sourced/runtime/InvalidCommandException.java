package dev.sourced.runtime;

/**
 * A command carries a value that cannot be stored where it would go: an aggregate id empty or too long for the keys it
 * becomes part of, a unique value that cannot be claimed. Nothing was written, and sending the same command again is
 * refused again. The HTTP API refuses such requests before they reach a command bus (400, with the JSON path); a
 * process manager's command meets it here, and takes it as a rejection ({@code invalid-command}).
 */
public final class InvalidCommandException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * @param command the command's simple class name
   * @param path the JSON path of the value, e.g. {@code $.accountId}
   * @param problem what is wrong with it
   */
  public InvalidCommandException(String command, String path, String problem) {
    super("command " + command + " was refused: " + path + " " + problem);
    this.path = path;
  }

  /** @return the JSON path of the value */
  public String path() {
    return path;
  }
}
