package dev.sourced.runtime;

import dev.sourced.api.Caller;
import dev.sourced.runtime.json.Text;
import java.util.Map;

/**
 * The limits of {@link Caller}, checked where a caller enters: every event a command appends stores the
 * principal in its item and publishes it in its EventBridge entry, and a handler may copy claims into its
 * events, so neither may be more than a few kilobytes (a principal of 2,048 characters takes at most 6 KB of
 * UTF-8, against DynamoDB's 400 KB item and EventBridge's 256 KB entry) nor anything but valid text
 * ({@link Text}). Values beyond them are refused, never truncated: a shortened principal could name someone
 * else.
 */
public final class CallerLimits {
  private CallerLimits() {}

  /**
   * @param caller a caller
   * @return what is wrong with it, or {@code null} when it is acceptable
   */
  public static String problem(Caller caller) {
    return problem(caller.principal(), caller.claims());
  }

  /**
   * @param principal a principal, or null
   * @param claims claims by name
   * @return what is wrong with them, or {@code null} when they are acceptable
   */
  public static String problem(String principal, Map<String, String> claims) {
    if (principal == null || principal.isEmpty()) {
      return "the principal is missing";
    }
    if (principal.length() > Caller.MAX_PRINCIPAL_CHARS) {
      return "the principal is " + principal.length() + " characters; at most " + Caller.MAX_PRINCIPAL_CHARS
          + " are accepted";
    }
    String text = Text.problem(principal);
    if (text != null) {
      return "the principal " + text;
    }
    if (claims.size() > Caller.MAX_CLAIMS) {
      return "the caller carries " + claims.size() + " claims; at most " + Caller.MAX_CLAIMS + " are accepted";
    }
    for (Map.Entry<String, String> claim : claims.entrySet()) {
      String name = claim.getKey();
      if (name.isEmpty() || name.length() > Caller.MAX_CLAIM_NAME_CHARS) {
        return "a claim name must be 1 to " + Caller.MAX_CLAIM_NAME_CHARS + " characters; found " + name.length();
      }
      String value = claim.getValue();
      if (value == null) {
        return "claim '" + name + "' has no value";
      }
      if (value.length() > Caller.MAX_CLAIM_VALUE_CHARS) {
        return "claim '" + name + "' is " + value.length() + " characters; at most " + Caller.MAX_CLAIM_VALUE_CHARS
            + " are accepted";
      }
      String problem = Text.problem(name);
      if (problem == null) {
        problem = Text.problem(value);
      }
      if (problem != null) {
        return "claim '" + name + "' " + problem;
      }
    }
    return null;
  }
}
