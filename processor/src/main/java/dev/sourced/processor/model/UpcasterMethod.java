package dev.sourced.processor.model;

import com.palantir.javapoet.ClassName;

/**
 * A static method that turns one revision of an event into the next.
 *
 * @param owner the class declaring it
 * @param method the method name
 * @param from the record of revision n
 * @param to the record of revision n + 1
 */
public record UpcasterMethod(ClassName owner, String method, ClassName from, ClassName to) {}
