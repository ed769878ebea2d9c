/**
 * The few types domain code uses besides the annotations: {@link dev.sourced.api.DomainException} to
 * reject a command with a stable error code, {@link dev.sourced.api.CommandContext} (with its
 * {@link dev.sourced.api.Caller}) to learn who sent a command and how, {@link dev.sourced.api.EventMetadata} to
 * read where an event came from, and {@link dev.sourced.api.Views} to read a projection's views in a query handler.
 */
package dev.sourced.api;
