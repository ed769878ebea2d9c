/**
 * What runs inside Lambda. The root package holds the exceptions the runtime maps to HTTP statuses;
 * {@code command} decides events from commands, {@code event} upcasts stored events to their newest
 * revision, {@code view} holds view storage abstractions. The DynamoDB event store, the Lambda handler
 * bases and the projection engine build on these.
 */
package dev.sourced.runtime;
