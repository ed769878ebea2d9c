/**
 * The application model: plain records describing aggregates, events, projections, queries, routes
 * and the JSON shapes of every record involved, read from annotated elements by
 * {@link dev.sourced.processor.model.ModelReader}. Writers see only this model, never the round
 * environment; it holds class names as JavaPoet {@code ClassName}s, not {@code Element}s, except for the
 * source elements validation reports on.
 */
package dev.sourced.processor.model;
