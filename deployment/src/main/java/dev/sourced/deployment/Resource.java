package dev.sourced.deployment;

import java.util.Objects;

/**
 * A deployed resource that a setting names or a grant allows actions on, by kind and logical name.
 * Each cloud resolves it: the CDK stack to a table's name or ARN, the local cloud to its local name.
 * Its text form, {@code table:shopping-cart-events}, is how the test kit's recorded calls name resources.
 *
 * @param kind what it is
 * @param name its logical name; for {@link Kind#STREAM}, the table whose stream it is; {@code *} for {@link Kind#ANY}
 */
public record Resource(Kind kind, String name) {
  /** What a resource is. */
  public enum Kind {
    TABLE("table"), STREAM("stream"), QUEUE("queue"), BUS("bus"), FUNCTION("function"), WORKFLOW("workflow"),
    /** The function's own log group. */
    LOG_GROUP("logs"),
    /** The schedules of an EventBridge Scheduler group: a setting names the group, a grant applies to its schedules. */
    SCHEDULE_GROUP("schedules"),
    /** An IAM role a function passes to a service: a setting holds its ARN. */
    ROLE("role"),
    /** Every resource: for actions without resource-level permissions. */
    ANY("*");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    /** @return e.g. {@code table} */
    public String prefix() {
      return prefix;
    }
  }

  /** Every resource, {@code *}. */
  public static final Resource ANY = new Resource(Kind.ANY, "*");

  public Resource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static Resource table(String name) {
    return new Resource(Kind.TABLE, name);
  }

  public static Resource streamOf(String table) {
    return new Resource(Kind.STREAM, table);
  }

  public static Resource queue(String name) {
    return new Resource(Kind.QUEUE, name);
  }

  public static Resource bus(String name) {
    return new Resource(Kind.BUS, name);
  }

  public static Resource function(String name) {
    return new Resource(Kind.FUNCTION, name);
  }

  public static Resource workflow(String name) {
    return new Resource(Kind.WORKFLOW, name);
  }

  public static Resource scheduleGroup(String name) {
    return new Resource(Kind.SCHEDULE_GROUP, name);
  }

  public static Resource role(String name) {
    return new Resource(Kind.ROLE, name);
  }

  static Resource logGroupOf(String function) {
    return new Resource(Kind.LOG_GROUP, function);
  }

  /** @return {@code table:shopping-cart-events}, or {@code *} */
  @Override
  public String toString() {
    return kind == Kind.ANY ? "*" : kind.prefix() + ":" + name;
  }
}
