package dev.sourced.processor.codegen;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes JSON from maps (in insertion order), collections, strings, numbers, booleans and null, pretty
 * printed with two spaces. The processor must not carry a JSON library into every user's annotation
 * processor path, and its documents are small and built in a fixed order, so this is all it needs.
 */
final class Json {
  private Json() {}

  /** @return a new ordered object */
  static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  /**
   * @param keysAndValues alternating keys (strings) and values
   * @return a new object with the entries in the given order (unlike {@code Map.of}, whose order varies
   *     between runs)
   */
  static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }

  /** @return the JSON text of a value, ending with a newline */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "");
    return out.append('\n').toString();
  }

  private static void write(Object value, StringBuilder out, String indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      String inner = indent + "  ";
      int i = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(inner);
        string(entry.getKey().toString(), out);
        out.append(": ");
        write(entry.getValue(), out, inner);
        out.append(++i < map.size() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (value instanceof Collection<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      if (simple(list)) {
        out.append('[');
        int i = 0;
        for (Object item : list) {
          write(item, out, indent);
          out.append(++i < list.size() ? ", " : "");
        }
        out.append(']');
        return;
      }
      out.append("[\n");
      String inner = indent + "  ";
      int i = 0;
      for (Object item : list) {
        out.append(inner);
        write(item, out, inner);
        out.append(++i < list.size() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  /** @return whether a list holds no objects or lists, so that it is written on one line */
  private static boolean simple(Collection<?> list) {
    for (Object item : list) {
      if (item instanceof Map || item instanceof Collection) {
        return false;
      }
    }
    return true;
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    int plain = 0;
    while (plain < s.length() && !escaped(s.charAt(plain))) {
      plain++;
    }
    // most strings (names, types, paths) need no escape: appended whole, the rest char by char
    out.append(s, 0, plain);
    for (int i = plain; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean escaped(char c) {
    return c < 0x20 || c == '"' || c == '\\';
  }
}
