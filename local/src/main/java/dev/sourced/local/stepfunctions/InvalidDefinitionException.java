package dev.sourced.local.stepfunctions;

/** A state machine definition that asl-validator (or the JSON parser) refuses; the message is the validator's. */
public final class InvalidDefinitionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param message the validator's message, one line per finding */
  public InvalidDefinitionException(String message) {
    super(message);
  }
}
