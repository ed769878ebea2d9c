/**
 * The one structured-logging path of every function: {@link dev.sourced.runtime.log.LogLine} builds a JSON
 * line with Jackson (never by concatenation) carrying the level, the message, what the line is about
 * (correlation id, stream, event id, …) and, for unexpected errors, the stack trace; {@link
 * dev.sourced.runtime.log.LogSink} writes the lines at or above a level ({@code SOURCED_LOG}) to
 * standard out, which Lambda sends to CloudWatch Logs. The field names follow Powertools for AWS Lambda
 * ({@code timestamp}, {@code level}, {@code message}, {@code service}, {@code error.name/message/stack}).
 */
package dev.sourced.runtime.log;
