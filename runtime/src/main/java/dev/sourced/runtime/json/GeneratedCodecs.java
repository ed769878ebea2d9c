package dev.sourced.runtime.json;

import dev.sourced.spi.GeneratedApplication;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The base of every generated {@code SourcedAppJson}: it makes a record's codec when it is first asked for, so that a
 * function builds, and loads the record classes of, only the codecs it uses (a function of a large application
 * used to make every codec of it when it started).
 *
 * <p>The generated subclass gives its chunks' keys, the binary class name of each record in chunk order, and makes
 * codec {@code index} of chunk {@code chunk}. Thread-safe: a codec made twice by racing threads is made alike, and
 * the first one stored is the one every caller gets.
 */
public abstract class GeneratedCodecs implements JsonCodecs {
  private final String application;
  private final Map<Class<?>, JsonCodec<?>> made = new ConcurrentHashMap<>();
  private volatile Map<String, int[]> index;

  /** @param application the application's name, for messages */
  protected GeneratedCodecs(String application) {
    this.application = application;
  }

  /** @return each chunk's records, as binary class names */
  protected abstract String[][] typeKeys();

  /** @return codec {@code index} of chunk {@code chunk}, newly made */
  protected abstract JsonCodec<?> make(int chunk, int index);

  /**
   * For the generated subclass: its keys come in classes holding the keys of several chunks each.
   *
   * @param groups each class's chunks' keys, in order
   * @return every chunk's keys, in order
   */
  protected static String[][] keys(String[][]... groups) {
    return GeneratedApplication.keys(groups);
  }

  @Override
  @SuppressWarnings("unchecked")
  public final <T> JsonCodec<T> codec(Class<T> type) {
    JsonCodec<?> known = made.get(type);
    if (known == null) {
      int[] at = index().get(type.getName());
      if (at == null || !isOurs(type)) {
        throw new IllegalArgumentException("application " + application + " has no JSON codec for " + type.getName());
      }
      JsonCodec<?> codec = make(at[0], at[1]);
      known = made.putIfAbsent(type, codec);
      if (known == null) {
        known = codec;
      }
    }
    return (JsonCodec<T>) known;
  }

  /**
   * @return whether the class of that name this application's classes see is {@code type}: a class of the same name from
   *     another class loader is another class, whose records the codec would not make
   */
  private boolean isOurs(Class<?> type) {
    try {
      return Class.forName(type.getName(), false, getClass().getClassLoader()) == type;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private Map<String, int[]> index() {
    Map<String, int[]> known = index;
    if (known == null) {
      String[][] chunks = typeKeys();
      Map<String, int[]> byName = new HashMap<>();
      for (int c = 0; c < chunks.length; c++) {
        for (int i = 0; i < chunks[c].length; i++) {
          byName.put(chunks[c][i], new int[] {c, i});
        }
      }
      known = Map.copyOf(byName);
      index = known;
    }
    return known;
  }
}
