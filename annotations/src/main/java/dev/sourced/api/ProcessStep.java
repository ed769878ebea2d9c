package dev.sourced.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@link dev.sourced.annotations.ProcessManager}'s handler decided: the instance's next state, the commands to
 * send, in order, and the deadlines to set or cancel. Immutable; {@link #send}, {@link #schedule} and {@link #cancel}
 * return a new step.
 *
 * <pre>{@code
 * return ProcessStep.of(transfer.debited()).send(new CreditForTransfer(transfer.to(), transfer.id(), transfer.amount()));
 * }</pre>
 *
 * @param <S> the process manager's state record
 */
public final class ProcessStep<S> {
  /** Commands one step may send. */
  public static final int MAX_COMMANDS = 25;
  /** Deadlines one step may set. */
  public static final int MAX_DEADLINES = 10;
  /** The longest a deadline may lie ahead: a year. */
  public static final Duration MAX_DEADLINE_DELAY = Duration.ofDays(366);
  private static final Pattern DEADLINE_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /**
   * A deadline a step sets: after {@code delay}, the process manager's {@code @DeadlineHandler(name)} runs on the
   * instance, unless it was cancelled, set again, or the instance ended.
   *
   * @param name the deadline's name, lower-case kebab case, 1 to 40 characters
   * @param delay how long from the event that set it; 1 second to {@link #MAX_DEADLINE_DELAY}
   */
  public record Deadline(String name, Duration delay) {
    public Deadline {
      checkName(name);
      Objects.requireNonNull(delay, "delay");
      if (delay.compareTo(Duration.ofSeconds(1)) < 0 || delay.compareTo(MAX_DEADLINE_DELAY) > 0) {
        throw new IllegalArgumentException("a deadline lies 1 second to " + MAX_DEADLINE_DELAY.toDays() + " days ahead; found " + delay);
      }
    }
  }

  private final S state;
  private final List<Record> commands;
  private final List<Deadline> deadlines;
  private final List<String> cancelled;

  private ProcessStep(S state, List<Record> commands, List<Deadline> deadlines, List<String> cancelled) {
    this.state = state;
    this.commands = commands;
    this.deadlines = deadlines;
    this.cancelled = cancelled;
  }

  private static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.length() > 40 || !DEADLINE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a deadline's name is lower-case kebab case of 1 to 40 characters, like 'transfer-timeout'; found '"
          + (name.length() > 60 ? name.substring(0, 60) + "…" : name) + "'");
    }
    return name;
  }

  /**
   * @param state the instance's next state; {@code null} ends it
   * @param <S> the state record
   * @return a step that keeps {@code state} and sends nothing yet
   */
  public static <S> ProcessStep<S> of(S state) {
    return new ProcessStep<>(state, List.of(), List.of(), List.of());
  }

  /**
   * @param <S> the state record
   * @return a step that ends the instance: its state is deleted, and its deadlines with it; a later event for it starts
   *     afresh
   */
  public static <S> ProcessStep<S> end() {
    return new ProcessStep<>(null, List.of(), List.of(), List.of());
  }

  /**
   * @param command a command record the process manager {@link dev.sourced.annotations.ProcessManager#sends() sends}
   * @return this step, also sending {@code command} after the ones before it
   * @throws IllegalStateException past {@value #MAX_COMMANDS} commands
   */
  public ProcessStep<S> send(Record command) {
    Objects.requireNonNull(command, "command");
    if (commands.size() >= MAX_COMMANDS) {
      throw new IllegalStateException("a process step sends at most " + MAX_COMMANDS + " commands");
    }
    List<Record> next = new ArrayList<>(commands.size() + 1);
    next.addAll(commands);
    next.add(command);
    return new ProcessStep<>(state, List.copyOf(next), deadlines, cancelled);
  }

  /**
   * Sets a deadline: after {@code delay}, the process manager's {@code @DeadlineHandler(name)} runs on this instance.
   * Setting a name that is set already replaces it.
   *
   * @param name the deadline's name, lower-case kebab case of 1 to 40 characters, e.g. {@code transfer-timeout}
   * @param delay from the event being handled; 1 second to a year. Delivered at that time or a little later (EventBridge
   *     Scheduler's one-time schedules have a granularity of a minute)
   * @return this step, also setting the deadline
   * @throws IllegalArgumentException for a bad name or delay
   * @throws IllegalStateException past {@value #MAX_DEADLINES} deadlines, or on a step that ends its instance (its
   *     deadlines end with it)
   */
  public ProcessStep<S> schedule(String name, Duration delay) {
    Deadline deadline = new Deadline(name, delay);
    if (state == null) {
      throw new IllegalStateException("a step that ends its instance sets no deadline: the instance's deadlines end with it;"
          + " found schedule(\"" + name + "\") on ProcessStep.end() or ProcessStep.of(null)");
    }
    if (deadlines.size() >= MAX_DEADLINES) {
      throw new IllegalStateException("a process step sets at most " + MAX_DEADLINES + " deadlines");
    }
    List<Deadline> next = new ArrayList<>(deadlines);
    next.removeIf(d -> d.name().equals(name));
    next.add(deadline);
    List<String> stillCancelled = new ArrayList<>(cancelled);
    stillCancelled.remove(name);
    return new ProcessStep<>(state, commands, List.copyOf(next), List.copyOf(stillCancelled));
  }

  /**
   * Cancels a deadline of this instance, if it is set; it will not run.
   *
   * @param name the deadline's name
   * @return this step, also cancelling the deadline
   */
  public ProcessStep<S> cancel(String name) {
    checkName(name);
    List<Deadline> stillSet = new ArrayList<>(deadlines);
    stillSet.removeIf(d -> d.name().equals(name));
    List<String> next = new ArrayList<>(cancelled);
    if (!next.contains(name)) {
      next.add(name);
    }
    return new ProcessStep<>(state, commands, List.copyOf(stillSet), List.copyOf(next));
  }

  /** @return the deadlines this step sets, in order */
  public List<Deadline> deadlines() {
    return deadlines;
  }

  /** @return the names of the deadlines this step cancels */
  public List<String> cancelled() {
    return cancelled;
  }

  /** @return the next state; {@code null} when the instance ends */
  public S state() {
    return state;
  }

  /** @return whether the instance ends */
  public boolean ended() {
    return state == null;
  }

  /** @return the commands to send, in order */
  public List<Record> commands() {
    return commands;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProcessStep<?> other && Objects.equals(state, other.state) && commands.equals(other.commands)
        && deadlines.equals(other.deadlines) && cancelled.equals(other.cancelled);
  }

  @Override
  public int hashCode() {
    return Objects.hash(state, commands, deadlines, cancelled);
  }

  @Override
  public String toString() {
    return "ProcessStep[state=" + state + ", commands=" + commands + ", deadlines=" + deadlines + ", cancelled=" + cancelled + "]";
  }
}
