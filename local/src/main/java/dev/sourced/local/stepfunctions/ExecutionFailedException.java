package dev.sourced.local.stepfunctions;

/**
 * An execution that ended without output: as Step Functions reports it, with the error name (e.g.
 * {@code States.TaskFailed}, a {@code Fail} state's {@code Error}, or a function's {@code errorType}) and its
 * cause (for a function error, the function's error payload as JSON).
 */
public final class ExecutionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String executionId;
  private final ExecutionStatus status;
  private final String error;
  private final String errorCause;

  /**
   * @param executionId the execution's ARN
   * @param status {@link ExecutionStatus#FAILED}, {@link ExecutionStatus#TIMED_OUT} or {@link ExecutionStatus#ABORTED}
   * @param error the error name
   * @param errorCause the error's cause, or null
   */
  public ExecutionFailedException(String executionId, ExecutionStatus status, String error, String errorCause) {
    super("execution " + executionId + " " + status + ": " + error + (errorCause == null ? "" : " (" + errorCause + ")"));
    this.executionId = executionId;
    this.status = status;
    this.error = error;
    this.errorCause = errorCause;
  }

  /** @return the execution's ARN */
  public String executionId() {
    return executionId;
  }

  /** @return how it ended */
  public ExecutionStatus status() {
    return status;
  }

  /** @return the error name, as {@code ErrorEquals} matches it */
  public String error() {
    return error;
  }

  /** @return the error's cause, or null; a function error's is its payload {@code {"errorType","errorMessage","stackTrace"}} */
  public String errorCause() {
    return errorCause;
  }
}
