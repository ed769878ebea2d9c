package dev.sourced.api;

import java.util.Optional;

/**
 * Read access to the views of one projection, passed to a {@link dev.sourced.annotations.QueryHandler}.
 *
 * @param <V> the projection's view record type
 */
public interface Views<V> {

  /**
   * @param key the view key (by default the aggregate id)
   * @return the view, or {@code null} when there is none
   */
  V get(String key);

  /**
   * @param key the view key
   * @return the view, if there is one
   */
  default Optional<V> find(String key) {
    return Optional.ofNullable(get(key));
  }

  /**
   * Lists views, a page at a time. The order is stable across pages (key order in memory; storage order
   * on DynamoDB, where a projection's views are spread over partitions).
   *
   * @param limit at most this many views, 1..1000
   * @param cursor {@code null} for the first page, else the {@link Page#nextCursor()} of the previous one
   * @return one page: fewer than {@code limit} views with a next cursor when the views are large (on DynamoDB a page
   *     ends before it would pass 5,000,000 bytes in an answer, so that it can be answered); the last page has no cursor
   */
  Page<V> list(int limit, String cursor);
}
