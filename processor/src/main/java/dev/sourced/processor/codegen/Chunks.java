package dev.sourced.processor.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Splits what an app-wide artifact registers into chunks of bounded weight, so that generated code
 * grows by adding methods and classes, never by growing one: the JVM limits a method to 64 KB of
 * bytecode and a class to 65,535 constants, and javac's inference slows down superlinearly on one
 * expression with many arguments. A weight unit is one statement or expression of a few constants
 * (about 50 bytes of bytecode), so a chunk stays near a tenth of the limits.
 */
final class Chunks {
  /** Weight of the registrations in one generated method (and, in the registry, one class). */
  static final int REGISTRATIONS = 200;
  /**
   * Weight of the codecs in one generated class: a record weighs 4 plus its components, and its table entry is
   * about 20 bytes of the class's {@code register} method per unit, so a chunk's longest method stays near 12 KB.
   */
  static final int CODECS = 600;
  /**
   * Keys (strings) in one class of a registry's or codecs' keys: each is about 8 bytes of its static initializer and 2
   * constants, so a class stays near a fifth of the limits however long its strings are (each is its own constant).
   */
  static final int KEYS = 1500;

  private Chunks() {}

  /**
   * @param items in the order they are registered
   * @param weight of one item, at least 1
   * @param budget the most weight per chunk; an item heavier than that gets a chunk of its own
   * @return consecutive, non-empty chunks; none for no items
   */
  static <T> List<List<T>> of(List<T> items, ToIntFunction<T> weight, int budget) {
    List<List<T>> chunks = new ArrayList<>();
    List<T> current = new ArrayList<>();
    int used = 0;
    for (T item : items) {
      int w = Math.max(1, weight.applyAsInt(item));
      if (!current.isEmpty() && used + w > budget) {
        chunks.add(current);
        current = new ArrayList<>();
        used = 0;
      }
      current.add(item);
      used += w;
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }
}
