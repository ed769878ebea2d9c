package dev.sourced.api;

import java.util.List;

/**
 * One page of views.
 *
 * @param items the views of this page, in the order {@link Views#list} gives (stable across pages: key order in memory,
 *     storage order on DynamoDB, which is not key order)
 * @param nextCursor pass to {@link Views#list(int, String)} for the next page; {@code null} on the last
 * @param <V> the view type
 */
public record Page<V>(List<V> items, String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }
}
