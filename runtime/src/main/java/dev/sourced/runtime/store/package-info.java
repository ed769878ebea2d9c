/**
 * The event store. {@link dev.sourced.runtime.store.EventStore} is what the command side needs: read a
 * stream in order, or its newest events in one request, append after an expected version (conditionally,
 * with the command's idempotency record and the reservations of its unique values in the same transaction), read
 * an idempotency record or the unique value a stream holds. {@link
 * dev.sourced.runtime.store.DynamoDbEventStore} implements it on one table: partition key {@code
 * streamId}, sort key {@code version}.
 */
package dev.sourced.runtime.store;
