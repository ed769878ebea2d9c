/**
 * The application model: plain records describing aggregates, events, projections, process managers, queries, routes
 * and the JSON shapes of every record involved, plus {@link dev.sourced.processor.model.Omissions}
 * (what reading left out as invalid) and {@link dev.sourced.processor.model.Sources} (which element
 * each record came from, for reports). It depends on neither the readers nor the rules. Writers see
 * only this model, never the round environment; it holds class names as JavaPoet {@code ClassName}s,
 * not {@code Element}s, except for the source elements reports point at.
 */
package dev.sourced.processor.model;
