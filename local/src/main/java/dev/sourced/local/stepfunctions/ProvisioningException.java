package dev.sourced.local.stepfunctions;

/**
 * Node.js 22 or aws-local-stepfunctions could not be found or installed. The message is one line: what failed,
 * the value found, and what to do.
 */
public final class ProvisioningException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** @param message what failed and what to do */
  public ProvisioningException(String message) {
    super(message);
  }

  /**
   * @param message what failed and what to do
   * @param cause the underlying failure
   */
  public ProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }
}
