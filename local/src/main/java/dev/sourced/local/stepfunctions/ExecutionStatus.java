package dev.sourced.local.stepfunctions;

/** Where an execution is, with the names Step Functions' {@code DescribeExecution} gives. */
public enum ExecutionStatus {
  RUNNING,
  SUCCEEDED,
  /** a state failed and nothing caught it, or a {@code Fail} state was reached */
  FAILED,
  /** the definition's {@code TimeoutSeconds} passed */
  TIMED_OUT,
  /** stopped with {@link Execution#stop()} */
  ABORTED
}
