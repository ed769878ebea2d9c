package dev.sourced.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a clean stop leaves for the next start: taken once, trusted for less than the stream's 24 hours. */
class CleanStopTest {
  private static final Instant STOP = Instant.parse("2026-11-30T10:00:00Z");

  @TempDir
  Path data;

  @Test
  void theTablesOfACleanStop_areTakenOnce() {
    CleanStop.record(data, List.of("app-cart-summary-v1", "app-customer-carts-v1"), STOP);

    assertThat(CleanStop.take(data, STOP.plusSeconds(5))).containsExactlyInAnyOrder("app-cart-summary-v1", "app-customer-carts-v1");
    assertThat(data.resolve(CleanStop.FILE)).doesNotExist();
    assertThat(CleanStop.take(data, STOP.plusSeconds(6))).as("a start that dies before it stops catches up next time").isEmpty();
  }

  @Test
  void aStopOlderThanTheStreamKeepsRecords_orFromTheFuture_orATornFile_orNoFolder_countsForNothing() throws IOException {
    CleanStop.record(data, List.of("t"), STOP);
    assertThat(CleanStop.take(data, STOP.plus(CleanStop.VALID_FOR))).isEmpty();

    CleanStop.record(data, List.of("t"), STOP);
    assertThat(CleanStop.take(data, STOP.minusSeconds(1))).isEmpty();

    Files.writeString(data.resolve(CleanStop.FILE), "{\"stoppedAt\":");
    assertThat(CleanStop.take(data, STOP)).isEmpty();
    assertThat(data.resolve(CleanStop.FILE)).doesNotExist();

    assertThat(CleanStop.take(null, STOP)).isEmpty();
  }

  @Test
  void aStopWithNothingDrained_namesNoTable() {
    CleanStop.record(data, List.of(), STOP);

    assertThat(CleanStop.take(data, STOP.plus(Duration.ofHours(1)))).isEmpty();
  }
}
