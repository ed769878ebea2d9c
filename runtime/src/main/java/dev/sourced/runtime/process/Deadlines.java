package dev.sourced.runtime.process;

import java.util.ArrayList;
import java.util.List;

/** Where a process manager's deadlines are scheduled: EventBridge Scheduler, or a test's memory. */
public interface Deadlines {

  /**
   * Schedules a deadline's message to the process manager's queue at its due time. Scheduling the same id again is
   * not an error and schedules nothing new.
   *
   * @param deadline the deadline
   */
  void schedule(DeadlineMessage deadline);


  /** Deadlines that refuse to be set: for a process manager deployed without a scheduler. */
  Deadlines NONE = new Deadlines() {
    @Override
    public void schedule(DeadlineMessage deadline) {
      throw new IllegalStateException("process manager " + deadline.processManager()
          + " has no deadline scheduler configured (SOURCED_SCHEDULE_GROUP, SOURCED_SCHEDULER_ROLE, SOURCED_DEADLINE_QUEUE)");
    }

  };

  /** Deadlines kept in a list: the test kit's. */
  final class Recorded implements Deadlines {
    private final List<DeadlineMessage> scheduled = new ArrayList<>();

    @Override
    public synchronized void schedule(DeadlineMessage deadline) {
      if (scheduled.stream().noneMatch(d -> d.id().equals(deadline.id()))) {
        scheduled.add(deadline);
      }
    }


    /** @return what was scheduled, in order */
    public synchronized List<DeadlineMessage> scheduled() {
      return List.copyOf(scheduled);
    }
  }
}
