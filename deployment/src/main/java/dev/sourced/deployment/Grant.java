package dev.sourced.deployment;

import java.util.List;
import java.util.Objects;

/**
 * Actions a function may take on one resource: one statement of its policy.
 *
 * @param sid the statement's id, saying why ({@code AppendEvents})
 * @param actions IAM actions, e.g. {@code dynamodb:PutItem}
 * @param resource what they apply to
 */
public record Grant(String sid, List<String> actions, Resource resource) {
  /**
   * One action on one resource.
   *
   * @param action e.g. {@code dynamodb:PutItem}
   * @param resource e.g. {@code table:shopping-cart-events}
   */
  public record Permission(String action, Resource resource) {
    @Override
    public String toString() {
      return action + " on " + resource;
    }
  }

  public Grant {
    Objects.requireNonNull(sid, "sid");
    actions = List.copyOf(actions);
    Objects.requireNonNull(resource, "resource");
  }

  /** @return the grant as (action, resource) pairs */
  public List<Permission> permissions() {
    return actions.stream().map(action -> new Permission(action, resource)).toList();
  }
}
