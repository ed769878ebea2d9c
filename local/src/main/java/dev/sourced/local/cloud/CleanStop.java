package dev.sourced.local.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a clean stop of a cloud with a data folder leaves for its next start, in {@code clean-stop.json} there: the
 * projection tables that lost nothing with the in-memory queues (every queue empty, no delivery lost by the local bus,
 * and the table up to date: its last replay of the whole store succeeded, or it needed none). A READY projection
 * catches up from the event store at a start, in case messages were lost with the queues; a table named here skips
 * that scan of the whole store.
 *
 * <p>The file is taken (read and deleted) at start, so a cloud that dies leaves none, and its next start catches
 * up. Events appended but not yet read from the table's stream are not in it either way: the stream poller goes on
 * from its position after a restart. That holds for the stream's 24 hours, so the file counts for less than a day.
 */
final class CleanStop {
  static final String FILE = "clean-stop.json";
  /** DynamoDB Streams keep records 24 hours; a stop older than this catches up anyway. */
  static final Duration VALID_FOR = Duration.ofHours(23);
  private static final ObjectMapper JSON = new ObjectMapper();

  private CleanStop() {}

  /**
   * @param dataDirectory the cloud's data folder, or null for memory only
   * @param now the time
   * @return the tables the last stop named, if it was clean and recent; the file is gone afterwards
   */
  static Set<String> take(Path dataDirectory, Instant now) {
    if (dataDirectory == null) {
      return Set.of();
    }
    Path file = dataDirectory.resolve(FILE);
    Set<String> tables = new TreeSet<>();
    try {
      if (Files.exists(file)) {
        JsonNode stop = JSON.readTree(file.toFile());
        Files.delete(file);
        Instant at = Instant.parse(stop.path("stoppedAt").asText());
        if (!at.isAfter(now) && Duration.between(at, now).compareTo(VALID_FOR) < 0) {
          stop.path("drainedTables").forEach(table -> tables.add(table.asText()));
        }
      }
    } catch (IOException | RuntimeException torn) {
      // a torn or foreign file counts as no clean stop: every READY projection catches up
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("could not delete " + file, e);
      }
    }
    return tables;
  }

  /**
   * @param dataDirectory the cloud's data folder
   * @param drainedTables the projection tables whose queues held nothing at the stop
   * @param now the time
   */
  static void record(Path dataDirectory, Collection<String> drainedTables, Instant now) {
    Path file = dataDirectory.resolve(FILE);
    try {
      var stop = JSON.createObjectNode().put("stoppedAt", now.toString());
      var tables = stop.putArray("drainedTables");
      drainedTables.forEach(tables::add);
      Path temporary = file.resolveSibling(FILE + ".tmp");
      JSON.writeValue(temporary.toFile(), stop);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
