package dev.sourced.local.cloud;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the stream poller is in each shard of the event table's stream, as Lambda's event source mapping keeps
 * it across deployments: with a data folder, in {@code stream-positions.json} there, so that a restart goes on
 * after the last record handed to the publisher rather than publishing the whole history again (a new projection
 * gets the history from its replay, as in the cloud); without one, in memory, as the tables are.
 */
final class StreamPositions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private final Map<String, String> positions = new TreeMap<>();

  private StreamPositions(Path file) {
    this.file = file;
    if (file != null && Files.exists(file)) {
      try {
        positions.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() { }));
      } catch (IOException e) {
        // a torn or foreign file: start from the stream's oldest record, as Lambda's mapping does when new
      }
    }
  }

  /** @param dataDirectory the cloud's data folder, or null for memory only */
  static StreamPositions in(Path dataDirectory) {
    return new StreamPositions(dataDirectory == null ? null : dataDirectory.resolve("stream-positions.json"));
  }

  /** @return the sequence number of the last record handed on in a shard, or null */
  synchronized String last(String shardId) {
    return positions.get(shardId);
  }

  /** Remembers the last record handed on in a shard. */
  synchronized void handedOn(String shardId, String sequenceNumber) {
    positions.put(shardId, sequenceNumber);
    if (file == null) {
      return;
    }
    try {
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(temporary.toFile(), positions);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not keep the stream position in " + file, e);
    }
  }
}
