package dev.sourced.processor.model;

import com.palantir.javapoet.ClassName;

/**
 * One {@code @EventSourcingHandler}.
 *
 * @param event the event record it applies
 * @param method the method name
 */
public record EventSourcingHandlerMethod(ClassName event, String method) {}
