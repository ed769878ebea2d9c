/**
 * Exact projections on DynamoDB. A projection's table holds its views ({@code view#<key>}), one
 * checkpoint per source stream ({@code checkpoint#<streamId>}: the last version applied), reaction
 * markers ({@code reaction#<eventId>}) and a status item. {@link
 * dev.sourced.runtime.projection.ProjectionEngine} applies each stream's events in version order, skips
 * duplicates, fills gaps from the event store, and commits views and checkpoint together in one
 * conditional transaction, so delivery may be duplicated, reordered or replayed and the views stay
 * exact. {@link dev.sourced.runtime.projection.ViewFold} applies each event; the test kit's in-memory
 * {@code ProjectionFixture} applies events with it too.
 */
package dev.sourced.runtime.projection;
