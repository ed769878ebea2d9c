package dev.sourced.runtime.command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The aggregates a command bus decided on last, each at the version of its stream it reflects: at most {@code capacity}
 * streams, the least recently used dropped first.
 *
 * <p>An entry is <em>taken</em>, not read: a command removes its stream's aggregate and puts it back only after its
 * append succeeded, with the appended events applied. So no two commands ever hold one instance, a command that fails
 * in any way (a refusal, a conflict, an unknown outcome, a bug) leaves nothing behind, and a handler's decision on an
 * instance is never seen by another command unless the store took the events it decided.
 *
 * @param <A> the aggregate class
 */
final class CachedStreams<A> {
  private final int capacity;
  private final Map<String, StreamLoader.Loaded<A>> entries;

  /** @param capacity the most streams kept; at least 1 */
  CachedStreams(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1; found " + capacity);
    }
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, StreamLoader.Loaded<A>> eldest) {
        return size() > CachedStreams.this.capacity;
      }
    };
  }

  /** @return the stream's aggregate as the last successful command left it, now removed, or {@code null} */
  synchronized StreamLoader.Loaded<A> take(String streamId) {
    return entries.remove(streamId);
  }

  /** Keeps {@code loaded} as the stream's aggregate, unless a newer one was put meanwhile. */
  synchronized void put(String streamId, StreamLoader.Loaded<A> loaded) {
    StreamLoader.Loaded<A> present = entries.get(streamId);
    if (present == null || present.version() < loaded.version()) {
      entries.put(streamId, loaded);
    }
  }

  /** @return how many streams are kept */
  synchronized int size() {
    return entries.size();
  }
}
