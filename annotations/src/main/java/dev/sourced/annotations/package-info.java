/**
 * The annotations a Sourced application puts on its domain code. Aggregates decide events from
 * commands ({@link dev.sourced.annotations.Aggregate}, {@link dev.sourced.annotations.CommandHandler},
 * {@link dev.sourced.annotations.EventSourcingHandler}); projections fold events into views
 * ({@link dev.sourced.annotations.Projection}, {@link dev.sourced.annotations.EventHandler}); queries
 * read those views ({@link dev.sourced.annotations.QueryHandler}). A value may be declared unique across
 * an aggregate's instances ({@link dev.sourced.annotations.Unique},
 * {@link dev.sourced.annotations.ReleasesUnique}). The annotation processor checks every rule stated here
 * at compile time and reports a precise diagnostic where one is broken.
 */
package dev.sourced.annotations;
