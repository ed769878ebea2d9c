package ${package}.domain;

import dev.sourced.annotations.AggregateId;

/** Adds a task to a list: {@code POST /todo-list/{listId}/add-task}. */
public record AddTask(@AggregateId String listId, String text) {}
