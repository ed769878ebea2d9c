package dev.sourced.processor.model;

/**
 * One {@code @DeadlineHandler} of a process manager: {@code ProcessStep<S> method(S state)}.
 *
 * @param name the deadline's name
 * @param method the method name
 */
public record DeadlineHandlerMethod(String name, String method) {}
