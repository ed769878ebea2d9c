package dev.sourced.deployment;

import java.util.List;
import java.util.Objects;

/**
 * The EventBridge Scheduler group of a process manager's deadlines, and the role its one-time schedules send with.
 *
 * @param name the group's name
 * @param owner the process manager
 * @param role the logical name of the role schedules assume (trusting {@link #SERVICE} of the deployment's own account)
 * @param targetQueue the queue deadlines are sent to: the process manager's own
 * @param roleGrants what the role may do: send to that queue, nothing else
 */
public record ScheduleGroupSpec(String name, String owner, String role, String targetQueue, List<Grant> roleGrants) {
  /** The service principal of EventBridge Scheduler: the role trusts it, and the function may pass the role only to it. */
  public static final String SERVICE = "scheduler.amazonaws.com";

  public ScheduleGroupSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(targetQueue, "targetQueue");
    roleGrants = List.copyOf(roleGrants);
  }

  /** @return the group as a resource, for settings and grants */
  public Resource resource() {
    return Resource.scheduleGroup(name);
  }
}
