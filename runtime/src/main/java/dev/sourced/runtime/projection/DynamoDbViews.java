package dev.sourced.runtime.projection;

import dev.sourced.api.Page;
import dev.sourced.api.Views;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.json.JsonInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A projection's views on its DynamoDB table, as query handlers see them.
 *
 * @param <V> the view type
 */
public final class DynamoDbViews<V> implements Views<V> {
  public static final int MAX_PAGE = 1000;
  private final ProjectionTable table;
  private final JsonCodecs codecs;
  private final Class<V> viewType;

  public DynamoDbViews(ProjectionTable table, JsonCodecs codecs, Class<V> viewType) {
    this.table = table;
    this.codecs = codecs;
    this.viewType = viewType;
  }

  @Override
  public V get(String key) {
    ProjectionTable.StoredView stored = table.view(key);
    return stored == null ? null : read(stored);
  }

  private V read(ProjectionTable.StoredView stored) {
    try {
      return codecs.fromJson(viewType, stored.data());
    } catch (RuntimeException e) {
      throw new ViewUnreadableException(viewType, stored.key(), e);
    }
  }

  /** Views in storage order (stable across pages), not key order. */
  @Override
  public Page<V> list(int limit, String cursor) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new JsonInputException("$.limit", "limit must be 1.." + MAX_PAGE + "; found " + limit);
    }
    ProjectionTable.Page page;
    try {
      page = table.views(limit, cursor);
    } catch (IllegalArgumentException notACursor) {
      throw new JsonInputException("$.cursor", "not a cursor this projection returned: " + notACursor.getMessage());
    }
    List<V> items = new ArrayList<>();
    page.views().forEach(v -> items.add(read(v)));
    return new Page<>(items, page.nextCursor());
  }
}
