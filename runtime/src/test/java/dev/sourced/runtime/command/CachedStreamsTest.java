package dev.sourced.runtime.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The kept aggregates' bookkeeping: taken, not read; bounded, least recently used out first; never moved back. */
class CachedStreamsTest {
  private static StreamLoader.Loaded<String> at(long version) {
    return new StreamLoader.Loaded<>("state@" + version, version);
  }

  @Test
  void anEntryIsTaken_soASecondCommandOnTheStreamFindsNothing() {
    CachedStreams<String> kept = new CachedStreams<>(10);
    kept.put("s", at(3));
    assertThat(kept.take("s")).isEqualTo(at(3));
    assertThat(kept.take("s")).isNull();
    assertThat(kept.size()).isZero();
  }

  @Test
  void anOlderVersionNeverReplacesANewerOne() {
    CachedStreams<String> kept = new CachedStreams<>(10);
    kept.put("s", at(5));
    kept.put("s", at(4)); // a slower command that loaded before the one that put version 5
    assertThat(kept.take("s")).isEqualTo(at(5));
    kept.put("s", at(5));
    kept.put("s", at(6));
    assertThat(kept.take("s")).isEqualTo(at(6));
  }

  @Test
  void beyondItsCapacity_theLeastRecentlyUsedStreamGoesFirst() {
    CachedStreams<String> kept = new CachedStreams<>(2);
    kept.put("a", at(1));
    kept.put("b", at(1));
    kept.put("a", at(2)); // a is used again: b is now the least recently used
    kept.put("c", at(1));
    assertThat(kept.size()).isEqualTo(2);
    assertThat(kept.take("b")).isNull();
    assertThat(kept.take("a")).isEqualTo(at(2));
    assertThat(kept.take("c")).isEqualTo(at(1));
  }

  @Test
  void aCapacityBelowOne_isRefused() {
    assertThatThrownBy(() -> new CachedStreams<String>(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
