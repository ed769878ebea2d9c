/**
 * Deciding events from a command, without I/O: rebuild the aggregate from its events, check that the
 * command fits the stream's existence (creation commands start streams, others need one), run the
 * generated dispatcher. The DynamoDB command handler and the in-memory test kit share this code, so both
 * answer the same command the same way.
 */
package dev.sourced.runtime.command;
