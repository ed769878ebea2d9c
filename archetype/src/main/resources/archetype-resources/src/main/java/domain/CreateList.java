package ${package}.domain;

import dev.sourced.annotations.AggregateId;

/** Creates a list: {@code POST /todo-list/{listId}/create-list}. */
public record CreateList(@AggregateId String listId, String title) {}
