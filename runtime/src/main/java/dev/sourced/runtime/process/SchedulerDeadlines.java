package dev.sourced.runtime.process;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;

/**
 * Deadlines as EventBridge Scheduler one-time schedules ({@code at(...)}, UTC), one per deadline, named by its id, in
 * the process manager's group; each sends the deadline's message to the process manager's queue with the scheduler
 * role, and deletes itself after it ran. Schedules are never deleted before: a cancelled deadline's message arrives and
 * is dropped as stale.
 */
public final class SchedulerDeadlines implements Deadlines {
  private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private final SchedulerClient scheduler;
  private final String group;
  private final String queueArn;
  private final String roleArn;

  /**
   * @param scheduler the client
   * @param group the schedule group
   * @param queueUrl the process manager's queue
   * @param roleArn the role the schedules send with
   */
  public SchedulerDeadlines(SchedulerClient scheduler, String group, String queueUrl, String roleArn) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.group = Objects.requireNonNull(group, "group");
    this.queueArn = queueArn(Objects.requireNonNull(queueUrl, "queueUrl"));
    this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
  }

  /** {@code https://sqs.<region>.amazonaws.com/<account>/<name>} → {@code arn:aws:sqs:<region>:<account>:<name>} */
  static String queueArn(String queueUrl) {
    String[] parts = queueUrl.replaceFirst("^[a-z]+://", "").split("/");
    if (parts.length < 3) {
      throw new IllegalArgumentException("not a queue URL: " + queueUrl);
    }
    String host = parts[0];
    String region = host.startsWith("sqs.") ? host.split("\\.")[1] : "us-east-1";
    return "arn:aws:sqs:" + region + ":" + parts[parts.length - 2] + ":" + parts[parts.length - 1];
  }

  @Override
  public void schedule(DeadlineMessage deadline) {
    // a deadline already past (its event was handled late) comes due as soon as a one-time schedule can run
    Instant earliest = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    Instant at = deadline.due().isBefore(earliest) ? earliest : deadline.due();
    try {
      scheduler.createSchedule(r -> r.name(deadline.id()).groupName(group)
          .scheduleExpression("at(" + AT.format(at) + ")").scheduleExpressionTimezone("UTC")
          .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
          .actionAfterCompletion(ActionAfterCompletion.DELETE)
          .target(t -> t.arn(queueArn).roleArn(roleArn).input(deadline.toJson())));
    } catch (ConflictException alreadyScheduled) {
      // the step ran before (its event was delivered again): the schedule of this id is there
    }
  }
}
