package dev.sourced.runtime.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long a query with {@code minVersion} waits between two checks of the checkpoint. */
class ReadYourWritesPollTest {
  @Test
  void waitsAQuarterOfTheTimeWaited_between2And25Milliseconds() {
    assertThat(QueryApi.pollWait(Duration.ZERO)).isEqualTo(Duration.ofMillis(2));
    assertThat(QueryApi.pollWait(Duration.ofMillis(6))).isEqualTo(Duration.ofMillis(2));
    assertThat(QueryApi.pollWait(Duration.ofMillis(20))).isEqualTo(Duration.ofMillis(5));
    assertThat(QueryApi.pollWait(Duration.ofMillis(60))).isEqualTo(Duration.ofMillis(15));
    assertThat(QueryApi.pollWait(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(25));
    assertThat(QueryApi.pollWait(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(25));
  }

  @Test
  void aLongWaitChecks40TimesASecond_andTheFirst100MillisecondsAbout20Times() {
    int checks = 0;
    long waited = 0;
    int firstHundred = 0;
    while (waited < 2_000) {
      checks++;
      if (waited < 100) {
        firstHundred++;
      }
      waited += QueryApi.pollWait(Duration.ofMillis(waited)).toMillis();
    }
    assertThat(firstHundred).isBetween(15, 25);
    assertThat(checks).isBetween(90, 110); // the doubling wait it replaces checked about 85 times in 2 s
  }
}
