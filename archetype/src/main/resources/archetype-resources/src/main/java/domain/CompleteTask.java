package ${package}.domain;

import dev.sourced.annotations.AggregateId;

/** Marks a task done, by its number (1 is the first task added): {@code POST /todo-list/{listId}/complete-task}. */
public record CompleteTask(@AggregateId String listId, int task) {}
