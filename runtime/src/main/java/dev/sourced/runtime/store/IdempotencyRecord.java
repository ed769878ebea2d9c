package dev.sourced.runtime.store;

import java.time.Instant;

/**
 * What a command with an Idempotency-Key produced, kept so a repeat gets the same answer.
 *
 * @param key the scoped key: {@code <streamId>#<Idempotency-Key>}
 * @param fingerprint identifies the command (type and body); a repeat with another fingerprint is a misuse
 * @param status the HTTP status the first command got
 * @param response the response body the first command got
 * @param expiresAt when the record may be deleted (DynamoDB TTL)
 */
public record IdempotencyRecord(String key, String fingerprint, int status, String response, Instant expiresAt) {}
