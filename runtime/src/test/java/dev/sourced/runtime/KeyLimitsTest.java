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
}
