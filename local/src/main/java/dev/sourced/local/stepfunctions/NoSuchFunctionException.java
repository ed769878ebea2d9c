package dev.sourced.local.stepfunctions;

/** Thrown by a {@link FunctionInvoker} for a function it does not know; Lambda answers {@code ResourceNotFoundException}. */
public final class NoSuchFunctionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param functionName the name asked for */
  public NoSuchFunctionException(String functionName) {
    super("Function not found: " + functionName);
  }
}
