package dev.sourced.runtime.projection;

import java.time.Instant;

/**
 * What a projection has done, for operators, the replay workflow and the local console.
 *
 * @param state READY (live) or REPLAYING (being rebuilt from history)
 * @param eventsApplied events applied so far (at least once: a batch retried after a failed status
 *     update may be counted twice)
 * @param lastEventAt the timestamp of the last event applied, or null
 */
public record ProjectionStatus(State state, long eventsApplied, Instant lastEventAt) {
  /** The projection's life cycle. */
  public enum State {
    READY,
    REPLAYING
  }
}
