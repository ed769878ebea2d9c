package dev.sourced.runtime.view;

import dev.sourced.api.Page;
import dev.sourced.api.Views;
import dev.sourced.runtime.json.JsonInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Views kept in a sorted map. Pages in key order; the cursor is the last key of the previous page.
 *
 * @param <V> the view type
 */
public final class InMemoryViews<V> implements Views<V> {
  public static final int MAX_PAGE = 1000;
  private final NavigableMap<String, V> views = new ConcurrentSkipListMap<>();

  @Override
  public V get(String key) {
    return views.get(Objects.requireNonNull(key, "key"));
  }

  @Override
  public Page<V> list(int limit, String cursor) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new JsonInputException("$.limit", "limit must be 1.." + MAX_PAGE + "; found " + limit);
    }
    Map<String, V> rest = cursor == null ? views : views.tailMap(cursor, false);
    List<V> items = new ArrayList<>(limit);
    String last = null;
    for (Map.Entry<String, V> entry : rest.entrySet()) {
      if (items.size() == limit) {
        return new Page<>(items, last);
      }
      items.add(entry.getValue());
      last = entry.getKey();
    }
    return new Page<>(items, null);
  }

  /**
   * Stores a view, or deletes it.
   *
   * @param key the view key
   * @param view the view; {@code null} deletes it
   */
  public void put(String key, V view) {
    if (view == null) {
      views.remove(key);
    } else {
      views.put(key, view);
    }
  }

  /** @return a snapshot of all views by key */
  public Map<String, V> asMap() {
    return Map.copyOf(views);
  }
}
