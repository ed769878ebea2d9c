package dev.sourced.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyLimitsTest {
  @Test
  void aggregateIds_leaveRoomForTheLongestKeyTheyBecome_theIdempotencyRecord() {
    // idempotency#shopping-cart#<id>#<key>: 12 + 14 + 1 bytes, and 128 characters of key at 3 bytes each
    assertThat(KeyLimits.maxAggregateIdBytes("shopping-cart")).isEqualTo(2048 - 27 - 384);
  }

  @Test
  void viewKeys_andCheckpointStreams_leaveRoomForTheirPrefix() {
    assertThat(KeyLimits.maxViewKeyBytes()).isEqualTo(2048 - "view#".length());
    assertThat(KeyLimits.maxCheckpointStreamBytes()).isEqualTo(2048 - "checkpoint#".length());
  }

  @Test
  void uniqueValues_leaveRoomForTheirReservationsPrefix() {
    // unique#member#email#<value>: 7 + 6 + 1 + 5 + 1 bytes
    assertThat(KeyLimits.maxUniqueValueBytes("member", "email")).isEqualTo(2048 - 20);
    assertThat(KeyLimits.uniqueValueProblem("member", "email", "x".repeat(2028))).isNull();
    assertThat(KeyLimits.uniqueValueProblem("member", "email", "x".repeat(2029)))
        .isEqualTo("is 2029 bytes in UTF-8; a unique email of member takes at most 2028 (DynamoDB's 2048-byte key limit,"
            + " less 'unique#member#email#')");
    // two bytes a character: the limit is in bytes
    assertThat(KeyLimits.uniqueValueProblem("member", "email", "é".repeat(1015))).startsWith("is 2030 bytes in UTF-8");
  }

  @Test
  void uniqueValues_areNonEmptyText_andTheProblemNeverRepeatsTheValue() {
    assertThat(KeyLimits.uniqueValueProblem("member", "email", "")).isEqualTo("must not be empty; it is a unique email of member");
    assertThat(KeyLimits.uniqueValueProblem("member", "email", null)).isEqualTo("must not be null; it is a unique email of member");
    assertThat(KeyLimits.uniqueValueProblem("member", "email", "a\ud800b")).contains("lone surrogate");
    String huge = "secret-" + "x".repeat(5000);
    assertThat(KeyLimits.uniqueValueProblem("member", "email", huge)).doesNotContain("secret");
  }

  @Test
  void theRecordOfAStreamsUniqueValue_fitsTheRoomTheAggregateIdLeaves() {
    String aggregate = "a".repeat(40);
    String longestStream = aggregate + "#" + "i".repeat(KeyLimits.maxAggregateIdBytes(aggregate));
    String record = dev.sourced.runtime.store.DynamoDbEventStore.ownerKey(longestStream, "s".repeat(KeyLimits.MAX_UNIQUE_SCOPE_CHARS));
    assertThat(record.length()).isLessThanOrEqualTo(KeyLimits.MAX_KEY_BYTES);
  }
}
