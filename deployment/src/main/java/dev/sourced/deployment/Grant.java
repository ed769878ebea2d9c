package dev.sourced.deployment;

import java.util.List;
import java.util.Objects;

/**
 * Actions a function may take on one resource: one statement of its policy.
 *
 * @param sid the statement's id, saying why ({@code AppendEvents})
 * @param actions IAM actions, e.g. {@code dynamodb:PutItem}
 * @param resource what they apply to
 * @param leadingKeys for DynamoDB actions, the partition keys they may touch ({@code dynamodb:LeadingKeys}, with
 *     {@code *} as a wildcard, every key of a request matching one); empty for any
 * @param passedTo for {@code iam:PassRole}, the only service the role may be passed to ({@code iam:PassedToService});
 *     null for other grants
 */
public record Grant(String sid, List<String> actions, Resource resource, List<String> leadingKeys, String passedTo) {
  /**
   * One action on one resource.
   *
   * @param action e.g. {@code dynamodb:PutItem}
   * @param resource e.g. {@code table:shopping-cart-events}
   * @param leadingKeys the partition keys it may touch; empty for any
   * @param passedTo the service a role may be passed to; null for any other permission
   */
  public record Permission(String action, Resource resource, List<String> leadingKeys, String passedTo) {
    public Permission {
      leadingKeys = List.copyOf(leadingKeys);
    }

    /** A permission on any key. */
    public Permission(String action, Resource resource) {
      this(action, resource, List.of(), null);
    }

    /**
     * @param key a partition key value a request touches
     * @return whether this permission's keys allow it (any key when it names none)
     */
    public boolean allowsKey(String key) {
      return leadingKeys.isEmpty() || leadingKeys.stream().anyMatch(pattern -> matches(pattern, key));
    }

    /** IAM's {@code StringLike}: {@code *} matches any run of characters, {@code ?} one. */
    static boolean matches(String pattern, String value) {
      StringBuilder regex = new StringBuilder();
      for (char c : pattern.toCharArray()) {
        regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
      }
      return value.matches(regex.toString());
    }

    /**
     * @return {@code dynamodb:PutItem on table:shop-events}, with {@code for keys [cart#*]} when it names keys, and
     *     {@code passed to scheduler.amazonaws.com} when it passes a role
     */
    @Override
    public String toString() {
      return action + " on " + resource + (leadingKeys.isEmpty() ? "" : " for keys " + leadingKeys)
          + (passedTo == null ? "" : " passed to " + passedTo);
    }
  }

  public Grant {
    Objects.requireNonNull(sid, "sid");
    actions = List.copyOf(actions);
    Objects.requireNonNull(resource, "resource");
    leadingKeys = List.copyOf(leadingKeys);
    if (passedTo != null && !actions.equals(List.of("iam:PassRole"))) {
      throw new IllegalArgumentException(sid + ": only iam:PassRole is limited to a service it passes a role to");
    }
  }

  /** A grant on the partition keys given. */
  public Grant(String sid, List<String> actions, Resource resource, List<String> leadingKeys) {
    this(sid, actions, resource, leadingKeys, null);
  }

  /** A grant on any key. */
  public Grant(String sid, List<String> actions, Resource resource) {
    this(sid, actions, resource, List.of(), null);
  }

  /**
   * @param sid the statement's id
   * @param role the role
   * @param service the only service it may be passed to, e.g. {@code scheduler.amazonaws.com}
   * @return a grant to pass the role to that service, and to no other
   */
  public static Grant passRole(String sid, Resource role, String service) {
    return new Grant(sid, List.of("iam:PassRole"), role, List.of(), Objects.requireNonNull(service, "service"));
  }

  /** @return the grant as (action, resource) pairs */
  public List<Permission> permissions() {
    return actions.stream().map(action -> new Permission(action, resource, leadingKeys, passedTo)).toList();
  }
}
