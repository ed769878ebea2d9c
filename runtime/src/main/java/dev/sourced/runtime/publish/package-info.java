/**
 * From the event store's DynamoDB stream to EventBridge: {@link dev.sourced.runtime.publish.EventPublisher}
 * turns new event items into {@code PutEvents} entries, batched within EventBridge's limits, and reports
 * the first record it could not publish (and every later one) as a batch item failure, so Lambda's
 * retry starts exactly there and no event is skipped.
 */
package dev.sourced.runtime.publish;
