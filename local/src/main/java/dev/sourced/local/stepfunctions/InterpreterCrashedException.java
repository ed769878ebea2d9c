package dev.sourced.local.stepfunctions;

/**
 * The node process running an execution ended without reporting a result (it crashed, or was killed from
 * outside). The message ends with the last lines it wrote to stderr.
 */
public final class InterpreterCrashedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String stderrTail;

  /**
   * @param executionId the execution's ARN
   * @param exitCode the node process's exit code
   * @param stderrTail the last lines it wrote to stderr
   */
  public InterpreterCrashedException(String executionId, int exitCode, String stderrTail) {
    super("the node process running execution " + executionId + " ended with exit code " + exitCode
        + " and no result" + (stderrTail.isBlank() ? " (it wrote nothing to stderr)" : "; its stderr ended with:\n" + stderrTail));
    this.exitCode = exitCode;
    this.stderrTail = stderrTail;
  }

  /** @return the node process's exit code */
  public int exitCode() {
    return exitCode;
  }

  /** @return the last lines the node process wrote to stderr */
  public String stderrTail() {
    return stderrTail;
  }
}
