package dev.sourced.deployment;

import java.util.List;

/** JSON string literals, for the one JSON text this module writes (a rule's pattern). */
final class JsonText {
  private JsonText() {}

  static String array(List<String> values) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      json.append(i == 0 ? "" : ",");
      string(values.get(i), json);
    }
    return json.append(']').toString();
  }

  private static void string(String value, StringBuilder json) {
    json.append('"');
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
