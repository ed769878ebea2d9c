package ${package}.domain;

public record ListCreated(String listId, String title) {}
