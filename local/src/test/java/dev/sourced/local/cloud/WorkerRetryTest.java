package dev.sourced.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A local cloud's worker that keeps failing (a server it polls is down) backs off instead of retrying every second. */
class WorkerRetryTest {
  @Test
  void theWaitDoublesFromASecond_upToThirtySeconds() {
    assertThat(IntStream.rangeClosed(1, 8).mapToLong(LocalCloud::workerRetryWait).boxed())
        .containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
    assertThat(LocalCloud.workerRetryWait(Integer.MAX_VALUE)).isEqualTo(30_000L);
  }
}
