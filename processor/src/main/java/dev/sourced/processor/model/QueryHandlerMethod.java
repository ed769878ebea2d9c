package dev.sourced.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/**
 * One {@code @QueryHandler}.
 *
 * @param name the query's kebab-case name
 * @param owner the class declaring it
 * @param method the method name
 * @param isStatic whether it is static
 * @param query the query record
 * @param viewType the V of its {@code Views<V>} parameter
 * @param projection the name of the projection producing V
 * @param route its HTTP route
 * @param returnType the Java return type
 * @param result the JSON shape of the answer
 */
public record QueryHandlerMethod(
    String name,
    ClassName owner,
    String method,
    boolean isStatic,
    ClassName query,
    ClassName viewType,
    String projection,
    Route route,
    TypeName returnType,
    JsonType result) {}
