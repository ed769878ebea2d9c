package ${package}.domain;

public record TaskAdded(String listId, int task, String text) {}
