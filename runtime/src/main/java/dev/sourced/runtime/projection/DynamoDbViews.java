package dev.sourced.runtime.projection;

import dev.sourced.api.Page;
import dev.sourced.api.Views;
import dev.sourced.runtime.KeyLimits;
import dev.sourced.runtime.view.InvalidViewRequestException;
import dev.sourced.runtime.json.JsonCodecs;
import dev.sourced.runtime.json.Text;
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

  /**
   * @throws InvalidViewRequestException for a key no view can have: longer than
   *     {@link KeyLimits#maxViewKeyBytes()} or not valid text (commands refuse to create such views)
   */
  @Override
  public V get(String key) {
    checkKey(key);
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

  /**
   * Views in storage order (stable across pages), not key order.
   *
   * @throws InvalidViewRequestException for a limit outside 1..{@value #MAX_PAGE} or a cursor no page gave
   */
  @Override
  public Page<V> list(int limit, String cursor) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new InvalidViewRequestException("limit must be 1.." + MAX_PAGE + "; found " + limit, Integer.toString(limit));
    }
    ProjectionTable.Page page = table.views(limit, cursor);
    List<V> items = new ArrayList<>();
    page.views().forEach(v -> items.add(read(v)));
    return new Page<>(items, page.nextCursor());
  }

  private static void checkKey(String key) {
    if (key == null) {
      throw new InvalidViewRequestException("a view key must not be null", null);
    }
    String problem = Text.problem(key);
    if (problem != null) {
      throw new InvalidViewRequestException("the view key " + problem, key);
    }
    int bytes = Text.utf8Length(key);
    if (bytes > KeyLimits.maxViewKeyBytes()) {
      throw new InvalidViewRequestException("the view key is " + bytes + " bytes in UTF-8; a view key takes at most "
          + KeyLimits.maxViewKeyBytes() + " (DynamoDB's " + KeyLimits.MAX_KEY_BYTES + "-byte key limit, less '"
          + ProjectionTable.VIEW + "')", key);
    }
  }
}
