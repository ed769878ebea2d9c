package dev.sourced.runtime.projection;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a projection engine committed last, kept across batches: the checkpoints of the streams it applied and the
 * small views it wrote, each with the revision and write id it was written with. The next batch of such a stream
 * then reads nothing before it applies: its commit is conditional on the checkpoint and on each view's revision and
 * write id, as after a read, so when another consumer wrote any of them since, the commit is cancelled and the stream
 * read afresh. Never trusted to call a message a duplicate (that takes a read). Bounded (least recently used first
 * out); thread-safe, since concurrent pollers may share an engine.
 *
 * <p>Only worth it while what is kept is mostly still current: when consumers in several containers take turns on
 * the same streams (SQS gives a stream's events to any of them), a kept checkpoint is often stale, and a cancelled
 * transaction costs more than the read it saved (the read and a second transaction follow it). So the engine tracks how
 * often what it kept was current (a moving average over about the last 32 streams): from commits that used it, and,
 * while it does not use it, by comparing it with what it read instead. It uses what it kept while that is at least
 * {@value #TRUSTED} of the time.
 */
final class KeptStreams {
  /** Views kept at most this long (JSON characters): a large view is read again rather than held in memory. */
  static final int MAX_VIEW_CHARS = 8_192;

  /** A kept view: as written, or null when the engine deleted it. */
  record View(ProjectionTable.StoredView stored) {}

  /** Used while what was kept was current at least this often. */
  static final double TRUSTED = 0.9;
  private static final double WEIGHT = 1.0 / 32;

  private final Map<String, Long> checkpoints;
  private final Map<String, View> views;
  private double current = 1.0;

  /**
   * @param streams how many streams' checkpoints to keep
   * @param views how many views to keep
   */
  KeptStreams(int streams, int views) {
    this.checkpoints = lru(streams);
    this.views = lru(views);
  }

  private static <T> Map<String, T> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
        return size() > capacity;
      }
    };
  }

  /** @return whether to apply on what was kept: it was current often enough lately */
  synchronized boolean trusted() {
    return current >= TRUSTED;
  }

  /** Notes whether what was kept of a stream, or of a view, was still current. */
  synchronized void outcome(boolean wasCurrent) {
    current += WEIGHT * ((wasCurrent ? 1 : 0) - current);
  }

  /** @return the version the engine last committed for the stream, or null when it keeps none */
  synchronized Long checkpoint(String streamId) {
    return checkpoints.get(streamId);
  }

  /** @return the view as the engine last wrote it, or null when it keeps none */
  synchronized View view(String key) {
    return views.get(key);
  }

  synchronized void checkpoint(String streamId, long version) {
    checkpoints.put(streamId, version);
  }

  /** Keeps a view the engine wrote ({@code stored} null: deleted), unless it is too long to keep. */
  synchronized void view(String key, ProjectionTable.StoredView stored) {
    if (stored != null && stored.data().length() > MAX_VIEW_CHARS) {
      views.remove(key);
    } else {
      views.put(key, new View(stored));
    }
  }

  synchronized void forget(String key) {
    views.remove(key);
  }

  /** Forgets a stream's checkpoint and views: another consumer may have moved them. */
  synchronized void forget(String streamId, Collection<String> keys) {
    checkpoints.remove(streamId);
    keys.forEach(views::remove);
  }
}
