package dev.sourced.runtime.projection;

import java.time.Instant;

/**
 * What a projection version has done, for queries (which version answers), operators, the replay workflow and
 * the local console. Kept in the version's table, item {@code status}.
 *
 * @param state NEW (never replayed), REPLAYING (being rebuilt from history) or READY (answers queries)
 * @param eventsApplied events applied so far, live and replayed (at least once: a batch retried after a failed
 *     status update may be counted twice)
 * @param lastEventAt the timestamp of the last event applied, or null
 * @param replay the last replay, or null if none ran
 */
public record ProjectionStatus(State state, long eventsApplied, Instant lastEventAt, Replay replay) {
  /** A projection version's life cycle. */
  public enum State {
    /** Created, never replayed: answers no query. */
    NEW,
    /** Being rebuilt from the event history: answers no query (its previous version does, if there is one). */
    REPLAYING,
    /** Built: answers queries. A later replay only catches up and leaves it READY. */
    READY
  }

  /** @return whether this version answers queries */
  public boolean ready() {
    return state == State.READY;
  }

  /**
   * One replay's progress.
   *
   * @param id the workflow execution's name (or a local id)
   * @param mode {@code rebuild} (the version was not ready), {@code catch-up} (it was) or {@code stream} (one stream)
   * @param startedAt when it started
   * @param finishedAt when it finished, or null while it runs (or if it failed)
   * @param scanned event store items read so far
   * @param sent events sent to the replay queue so far
   * @param appliedAtStart {@link #eventsApplied()} when it started: applied since = eventsApplied - this
   */
  public record Replay(String id, String mode, Instant startedAt, Instant finishedAt, long scanned, long sent, long appliedAtStart) {}
}
