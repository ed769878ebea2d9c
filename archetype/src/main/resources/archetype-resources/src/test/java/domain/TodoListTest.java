package ${package}.domain;

import dev.sourced.local.testkit.AggregateFixture;
import org.junit.jupiter.api.Test;

/** The aggregate's decisions, in memory: given past events, when a command, expect new events or a rejection. */
class TodoListTest {
  private final AggregateFixture<TodoList> list = AggregateFixture.of(TodoList.class);
  private final ListCreated created = new ListCreated("l1", "Groceries");

  @Test
  void createList_startsTheStream() {
    list.givenNoPriorActivity().when(new CreateList("l1", " Groceries ")).expectEvents(created);
  }

  @Test
  void createList_withoutTitle_isRejected() {
    list.givenNoPriorActivity().when(new CreateList("l1", " ")).expectError("title-missing");
  }

  @Test
  void addTask_numbersTasksInOrder() {
    list.given(created, new TaskAdded("l1", 1, "milk"))
        .when(new AddTask("l1", "bread"))
        .expectEvents(new TaskAdded("l1", 2, "bread"));
  }

  @Test
  void completeTask_marksItDone() {
    list.given(created, new TaskAdded("l1", 1, "milk"))
        .when(new CompleteTask("l1", 1))
        .expectEvents(new TaskCompleted("l1", 1));
  }

  @Test
  void completeTask_twice_isRejected() {
    list.given(created, new TaskAdded("l1", 1, "milk"), new TaskCompleted("l1", 1))
        .when(new CompleteTask("l1", 1))
        .expectError("task-already-done");
  }

  @Test
  void completeTask_thatDoesNotExist_isRejected() {
    list.given(created).when(new CompleteTask("l1", 1)).expectError("no-such-task");
  }
}
