package ${package}.domain;

public record TaskCompleted(String listId, int task) {}
