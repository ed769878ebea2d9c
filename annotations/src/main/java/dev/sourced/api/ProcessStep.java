package dev.sourced.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link dev.sourced.annotations.ProcessManager}'s handler decided: the instance's next state and the
 * commands to send, in order. Immutable; {@link #send} returns a new step.
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

  private final S state;
  private final List<Record> commands;

  private ProcessStep(S state, List<Record> commands) {
    this.state = state;
    this.commands = commands;
  }

  /**
   * @param state the instance's next state; {@code null} ends it
   * @param <S> the state record
   * @return a step that keeps {@code state} and sends nothing yet
   */
  public static <S> ProcessStep<S> of(S state) {
    return new ProcessStep<>(state, List.of());
  }

  /**
   * @param <S> the state record
   * @return a step that ends the instance: its state is deleted; a later event for it starts afresh
   */
  public static <S> ProcessStep<S> end() {
    return new ProcessStep<>(null, List.of());
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
    return new ProcessStep<>(state, List.copyOf(next));
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
    return o instanceof ProcessStep<?> other && Objects.equals(state, other.state) && commands.equals(other.commands);
  }

  @Override
  public int hashCode() {
    return Objects.hash(state, commands);
  }

  @Override
  public String toString() {
    return "ProcessStep[state=" + state + ", commands=" + commands + "]";
  }
}
