/**
 * Handling a command. {@link dev.sourced.runtime.command.Decider} decides events without I/O: rebuild the
 * aggregate from its events, check that the command fits the stream's existence (creation commands start
 * streams, others need one), run the generated dispatcher; the DynamoDB command handler and the in-memory
 * test kit share it, so both answer the same command the same way. {@link
 * dev.sourced.runtime.command.CommandBus} adds the store: it loads the stream in as few round trips as the
 * guarantees allow (none for a creation command), appends conditionally with the idempotency record and the
 * unique values the command claims, moves or releases in the same write, and retries conflicts.
 */
package dev.sourced.runtime.command;
