/**
 * From the event store's DynamoDB stream to EventBridge: {@link dev.sourced.runtime.publish.EventPublisher}
 * turns new event items into {@code PutEvents} entries, batched within EventBridge's limits. A record refused
 * for a passing reason is retried from where it stands; one refused for what it holds is published as a
 * reference (consumers read it from the store); one that cannot be published at all is reported alone, so the
 * stream mapping gives it up to the failure queue while every other record is published.
 */
package dev.sourced.runtime.publish;
