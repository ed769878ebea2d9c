package dev.sourced.processor.model;

import com.palantir.javapoet.ClassName;

/**
 * One {@code @RejectionHandler} of a process manager: {@code ProcessStep<S> method(Command, DomainException, S)}.
 *
 * @param command the command record whose rejections it takes
 * @param method the method name
 */
public record RejectionHandlerMethod(ClassName command, String method) {}
