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
   * @param queueUrl the process manager's queue
   * @param roleArn the role the schedules send with
   */
  public SchedulerDeadlines(Supplier<SchedulerClient> newClient, String group, String queueUrl, String roleArn) {
    this.newClient = Objects.requireNonNull(newClient, "newClient");
    this.group = Objects.requireNonNull(group, "group");
    this.queueArn = queueArn(Objects.requireNonNull(queueUrl, "queueUrl"));
    this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
  }

  /** @return the client, built now if it was not yet */
  public synchronized SchedulerClient client() {
    if (scheduler == null) {
      scheduler = Objects.requireNonNull(newClient.get(), "the scheduler client");
    }
    return scheduler;
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
