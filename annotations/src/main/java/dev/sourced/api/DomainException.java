package dev.sourced.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Rejects a command because a business rule forbids it. Nothing is appended; the command API answers
 * 422 with {@code {"code": code, "message": message}}. The code is part of the API contract: stable,
 * lower-case kebab case (e.g. {@code cart-checked-out}); the message is for humans.
 */
public class DomainException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  private final String code;

  /**
   * @param code stable machine-readable code in kebab case, e.g. {@code item-not-in-cart}
   * @param message explanation for humans
   * @throws IllegalArgumentException if the code is not kebab case
   */
  public DomainException(String code, String message) {
    super(message);
    Objects.requireNonNull(code, "code");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "DomainException code must be lower-case kebab case like 'item-not-in-cart'; found '" + code + "'");
    }
    this.code = code;
  }

  /** @return the stable error code */
  public String code() {
    return code;
  }
}
