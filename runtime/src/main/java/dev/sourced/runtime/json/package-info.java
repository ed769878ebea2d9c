/**
 * JSON without reflection. The processor generates a {@link dev.sourced.runtime.json.JsonCodecs} class
 * ({@code SourcedAppJson}) with a streaming reader and writer for every command, event, query and view
 * record; this package holds the interfaces it implements and the helpers it calls. Readers report the
 * JSON path of a missing, null or mistyped field ({@link dev.sourced.runtime.json.JsonInputException}),
 * which the HTTP layer turns into a 400. Client input is read through {@code CheckedJsonParser}: every
 * string and key must be {@link dev.sourced.runtime.json.Text valid text} and no object may repeat a key.
 */
package dev.sourced.runtime.json;
