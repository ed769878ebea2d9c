package ${package}.domain;

import dev.sourced.annotations.Aggregate;
import dev.sourced.annotations.CommandHandler;
import dev.sourced.annotations.EventSourcingHandler;
import dev.sourced.api.DomainException;
import java.util.HashSet;
import java.util.Set;

/**
 * A to-do list: decides events from commands, and rebuilds its state from its events. A {@link DomainException}
 * rejects a command (HTTP 422 with its code).
 */
@Aggregate
public class TodoList {
  static final int MAX_TASKS = 100;

  private int tasks;
  private final Set<Integer> done = new HashSet<>();

  @CommandHandler
  static ListCreated create(CreateList command) {
    if (command.title() == null || command.title().isBlank()) {
      throw new DomainException("title-missing", "a list needs a title");
    }
    return new ListCreated(command.listId(), command.title().strip());
  }

  @CommandHandler
  TaskAdded add(AddTask command) {
    if (command.text() == null || command.text().isBlank()) {
      throw new DomainException("text-missing", "a task needs a text");
    }
    if (tasks >= MAX_TASKS) {
      throw new DomainException("list-full", "a list holds at most " + MAX_TASKS + " tasks");
    }
    return new TaskAdded(command.listId(), tasks + 1, command.text().strip());
  }

  @CommandHandler
  TaskCompleted complete(CompleteTask command) {
    if (command.task() < 1 || command.task() > tasks) {
      throw new DomainException("no-such-task", "the list has no task " + command.task());
    }
    if (done.contains(command.task())) {
      throw new DomainException("task-already-done", "task " + command.task() + " is done already");
    }
    return new TaskCompleted(command.listId(), command.task());
  }

  @EventSourcingHandler
  void on(TaskAdded event) {
    tasks = event.task();
  }

  @EventSourcingHandler
  void on(TaskCompleted event) {
    done.add(event.task());
  }
}
