package dev.sourced.runtime.projection;

import java.util.Objects;

/**
 * Which version of a projection answers queries (blue/green): the current version once its replay has made it
 * READY; until then the previous version, if it is READY (its table is kept, and no longer written, while the
 * current one replays); else none — a query never sees a half-built view. A version once READY stays READY, so
 * from then on this costs nothing; before that the current version's status is read at most once a second per
 * container.
 */
public final class ServingVersion {
  private static final long RECHECK_NANOS = 1_000_000_000L;

  /**
   * @param table the table that answers
   * @param version its projection version
   */
  public record Choice(ProjectionTable table, int version) {}

  private final Choice current;
  private final Choice previous;
  private final boolean checked;
  private volatile boolean currentReady;
  private volatile long checkedAt;
  private volatile Boolean previousReady;

  private ServingVersion(Choice current, Choice previous, boolean checked) {
    this.current = Objects.requireNonNull(current, "current");
    this.previous = previous;
    this.checked = checked;
  }

  /**
   * @param current the current version's table
   * @param version the current version
   * @param previous the previous version's table, or null (version 1, or none was kept)
   * @return the choice the status items make
   */
  public static ServingVersion of(ProjectionTable current, int version, ProjectionTable previous) {
    return new ServingVersion(new Choice(current, version), previous == null ? null : new Choice(previous, version - 1), true);
  }

  /** @return a table that always answers, whatever its status says (tests, tools) */
  public static ServingVersion always(ProjectionTable table, int version) {
    return new ServingVersion(new Choice(table, version), null, false);
  }

  /** @return the version that answers now, or null when none is ready */
  public Choice serving() {
    if (!checked || currentReady) {
      return current;
    }
    long now = System.nanoTime();
    if (checkedAt == 0 || now - checkedAt >= RECHECK_NANOS) {
      currentReady = current.table().status().ready();
      checkedAt = now == 0 ? 1 : now;
      if (currentReady) {
        return current;
      }
    }
    if (previous == null) {
      return null;
    }
    if (previousReady == null) {
      previousReady = previous.table().status().ready(); // frozen: what it says now it says for good
    }
    return previousReady ? previous : null;
  }

  /**
   * @return the same choice with a cache of its own: for priming, whose look at a version still replaying must not
   *     keep real queries from the version for the next second
   */
  public ServingVersion fresh() {
    return new ServingVersion(current, previous, checked);
  }

  /** @return the current version */
  public Choice current() {
    return current;
  }
}
