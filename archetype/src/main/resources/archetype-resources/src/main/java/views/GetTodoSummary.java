package ${package}.views;

/** Reads one list's summary. */
public record GetTodoSummary(String listId) {}
