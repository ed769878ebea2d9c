package dev.sourced.deployment;

import java.util.Objects;

/**
 * A key attribute of a table.
 *
 * @param name the attribute's name
 * @param type its DynamoDB scalar type
 */
public record KeyAttribute(String name, Type type) {
  /** DynamoDB's scalar key types. */
  public enum Type { STRING, NUMBER }

  public KeyAttribute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  static KeyAttribute string(String name) {
    return new KeyAttribute(name, Type.STRING);
  }

  static KeyAttribute number(String name) {
    return new KeyAttribute(name, Type.NUMBER);
  }
}
