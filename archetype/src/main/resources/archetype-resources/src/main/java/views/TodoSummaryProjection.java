package ${package}.views;

import ${package}.domain.ListCreated;
import ${package}.domain.TaskAdded;
import ${package}.domain.TaskCompleted;
import dev.sourced.annotations.EventHandler;
import dev.sourced.annotations.Projection;
import dev.sourced.annotations.QueryHandler;
import dev.sourced.api.Views;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds a list's events into its {@link TodoSummary}: each handler is a pure function of the event and the view so
 * far, and the framework stores the result exactly once per event.
 */
@Projection(name = "todo-summary")
public class TodoSummaryProjection {

  @EventHandler
  TodoSummary on(ListCreated event) {
    return new TodoSummary(event.listId(), event.title(), List.of(), List.of());
  }

  @EventHandler
  TodoSummary on(TaskAdded event, TodoSummary summary) {
    List<String> open = new ArrayList<>(summary.open());
    open.add(event.task() + ". " + event.text());
    return new TodoSummary(summary.listId(), summary.title(), open, summary.done());
  }

  @EventHandler
  TodoSummary on(TaskCompleted event, TodoSummary summary) {
    List<String> open = new ArrayList<>(summary.open());
    List<String> done = new ArrayList<>(summary.done());
    String task = open.stream().filter(t -> t.startsWith(event.task() + ". ")).findFirst().orElseThrow();
    open.remove(task);
    done.add(task);
    return new TodoSummary(summary.listId(), summary.title(), open, done);
  }

  @QueryHandler
  TodoSummary get(GetTodoSummary query, Views<TodoSummary> views) {
    return views.get(query.listId());
  }
}
