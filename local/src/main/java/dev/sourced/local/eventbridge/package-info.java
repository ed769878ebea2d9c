/**
 * A local EventBridge bus: the {@code PutEvents} API over HTTP (so the real SDK client and the
 * generated publisher talk to it unchanged), matching with event-ruler — AWS's own pattern matcher — and
 * delivering matches to SQS queues.
 */
package dev.sourced.local.eventbridge;
