package dev.sourced.runtime.process;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;

/**
 * Deadlines as EventBridge Scheduler one-time schedules ({@code at(...)}, UTC), one per deadline, named by its id, in
 * the process manager's group; each sends the deadline's message to the process manager's queue with the scheduler
 * role, and deletes itself after it ran. Schedules are never deleted before: a cancelled deadline's message arrives and
 * is dropped as stale.
 *
 * <p>The client is built when the first deadline is scheduled (or {@link #client()} is called): a process manager's
 * invocations that set no deadline never pay for a second SDK client.
 */
public final class SchedulerDeadlines implements Deadlines {
  private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Supplier<SchedulerClient> newClient;
  private SchedulerClient scheduler;
  private final String group;
  private final String queueArn;
  private final String roleArn;

  /**
   * @param newClient builds the client, once, when it is first needed
   * @param group the schedule group
   * @param queueArn the process manager's queue, as the deployment gives its ARN (in its own partition)
   * @param roleArn the role the schedules send with
   */
  public SchedulerDeadlines(Supplier<SchedulerClient> newClient, String group, String queueArn, String roleArn) {
    this.newClient = Objects.requireNonNull(newClient, "newClient");
    this.group = Objects.requireNonNull(group, "group");
    this.queueArn = Objects.requireNonNull(queueArn, "queueArn");
    if (!queueArn.startsWith("arn:")) {
      throw new IllegalArgumentException("the deadline queue must be given by its ARN, not " + queueArn);
    }
    this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
  }

  /** @return the client, built now if it was not yet */
  public synchronized SchedulerClient client() {
    if (scheduler == null) {
      scheduler = Objects.requireNonNull(newClient.get(), "the scheduler client");
    }
    return scheduler;
  }

  @Override
  public void schedule(DeadlineMessage deadline) {
    // a deadline already past (its event was handled late) comes due as soon as a one-time schedule can run
    Instant earliest = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    Instant at = deadline.due().isBefore(earliest) ? earliest : deadline.due();
    try {
      client().createSchedule(r -> r.name(deadline.id()).groupName(group)
          .scheduleExpression("at(" + AT.format(at) + ")").scheduleExpressionTimezone("UTC")
          .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
          .actionAfterCompletion(ActionAfterCompletion.DELETE)
          .target(t -> t.arn(queueArn).roleArn(roleArn).input(deadline.toJson())));
    } catch (ConflictException alreadyScheduled) {
      // the step ran before (its event was delivered again): the schedule of this id is there
    }
  }
}
