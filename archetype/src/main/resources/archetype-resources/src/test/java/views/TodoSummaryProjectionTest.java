package ${package}.views;

import ${package}.domain.ListCreated;
import ${package}.domain.TaskAdded;
import ${package}.domain.TaskCompleted;
import dev.sourced.local.testkit.ProjectionFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The projection's fold and its query, in memory. */
class TodoSummaryProjectionTest {
  private final ProjectionFixture<TodoSummary> summaries = ProjectionFixture.of(TodoSummaryProjection.class, TodoSummary.class);

  @Test
  void tasks_moveFromOpenToDone() {
    TodoSummary expected = new TodoSummary("l1", "Groceries", List.of("2. bread"), List.of("1. milk"));
    summaries.given(
            new ListCreated("l1", "Groceries"),
            new TaskAdded("l1", 1, "milk"),
            new TaskAdded("l1", 2, "bread"),
            new TaskCompleted("l1", 1))
        .expectView("l1", expected)
        .expectQuery(new GetTodoSummary("l1"), expected);
  }
}
