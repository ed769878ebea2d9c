/**
 * Reads annotated elements into the model, one reader per kind — events, upcasters, aggregates (and
 * their command handlers), projections and process managers (and their event handlers, read by one reader for
 * both), queries, routes and record shapes —
 * the way Room and Dagger split theirs. A reader checks the rules about the one element at hand and
 * returns a {@link dev.sourced.processor.reading.Read}: the model piece, absent when the element is
 * invalid, and its {@link dev.sourced.processor.validation.Report}s. Nothing here prints; the
 * {@link dev.sourced.processor.reading.ModelReader} collects the reports and what was left out, and the
 * processor prints them.
 */
package dev.sourced.processor.reading;
