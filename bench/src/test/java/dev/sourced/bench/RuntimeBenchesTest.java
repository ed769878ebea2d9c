package dev.sourced.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local-cloud, memory, command-path, throughput and replay benchmarks run end to end in a tiny configuration, so they
 * do not rot
 * between benchmark runs. They assert what happened and that the reports are complete, never how fast.
 */
class RuntimeBenchesTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void localCloudBench_measuresEveryPath_andWritesItsReportAndTable(@TempDir Path out) throws Exception {
    LocalCloudBench.main(new String[] {out.toString(), "tiny"});

    JsonNode report = json.readTree(out.resolve("local-cloud.json").toFile());
    assertThat(report.at("/health/n").asInt()).isEqualTo(20);
    assertThat(report.at("/command/http/n").asInt()).isEqualTo(10);
    assertThat(report.at("/command/inProcess/n").asInt()).isEqualTo(10);
    assertThat(report.at("/command/ratioHttpToInProcessP50").asDouble()).isPositive();
    assertThat(report.at("/commandToView/n").asInt()).isEqualTo(5);
    assertThat(report.at("/throughput/commands").asInt()).isEqualTo(80);
    assertThat(report.get("nodelayProperty").asText()).isEqualTo("true");
    assertThat(Files.readString(out.resolve("local-cloud.md"))).contains("| `GET /health` | 20 |");
  }

  @Test
  void replayBench_appliesEveryEventLiveAndByReplay_andWritesItsReportAndTable(@TempDir Path out) throws Exception {
    ReplayBench.main(new String[] {out.toString(), "tiny"});

    JsonNode report = json.readTree(out.resolve("replay.json").toFile());
    assertThat(report.get("events").asInt()).isEqualTo(200);
    assertThat(report.get("replays")).hasSize(3);
    for (int run = 0; run < 3; run++) {
      JsonNode replay = report.get("replays").get(run);
      assertThat(replay.get("version").asInt()).isEqualTo(run + 2);
      assertThat(replay.get("sent").asLong()).isEqualTo(200);
      assertThat(replay.get("applied").asLong()).isEqualTo(200);
      assertThat(replay.get("eventsPerSecond").asDouble()).isPositive();
    }
    assertThat(report.at("/replay/runs").asInt()).isEqualTo(3);
    List<Double> rates = new ArrayList<>();
    report.get("replays").forEach(replay -> rates.add(replay.get("eventsPerSecond").asDouble()));
    rates.sort(null);
    assertThat(report.at("/replay/eventsPerSecond").asDouble()).isEqualTo(rates.get(1));
    assertThat(report.at("/replay/firstEventsPerSecond").asDouble()).isEqualTo(report.at("/replays/0/eventsPerSecond").asDouble());
    assertThat(report.at("/live/eventsPerSecond").asDouble()).isPositive();
    assertThat(report.get("replayToLive").asDouble()).isPositive();
    assertThat(Files.readString(out.resolve("replay.md"))).contains("| replay 1 into a new version", "| replay 3 into a new version",
        "median of 3");
  }

  @Test
  void memoryBench_measuresTheHeapAtEveryCheckpoint(@TempDir Path out) throws Exception {
    LocalCloudMemoryBench.main(new String[] {out.toString(), "50", "100"});

    JsonNode report = json.readTree(out.resolve("local-cloud-memory.json").toFile());
    assertThat(report.get("checkpoints")).extracting(point -> point.get("commands").asInt()).containsExactly(0, 50, 100);
    assertThat(report.get("checkpoints")).allSatisfy(point -> assertThat(point.get("heapAfterGcMb").asDouble()).isPositive());
    assertThat(report.has("ratioLastToFirstCheckpointHeapAfterGc")).isTrue();
    assertThat(Files.readString(out.resolve("local-cloud-memory.md"))).contains("| 100 |");
  }

  @Test
  void commandPathBench_measuresEveryKindAgainstItsRawWrite_andCountsItsCalls(@TempDir Path out) throws Exception {
    CommandPathBench.main(new String[] {out.toString(), "tiny"});

    JsonNode report = json.readTree(out.resolve("command-path.json").toFile());
    assertThat(report.get("kinds").fieldNames()).toIterable().containsExactly(
        "creation", "update", "update-parallel", "update-snapshot", "update-snapshot-parallel", "update-idempotency-key",
        "update-kept", "update-kept-behind");
    for (JsonNode kind : report.get("kinds")) {
      assertThat(kind.at("/command/n").asInt()).isEqualTo(5);
      assertThat(kind.at("/raw/n").asInt()).isEqualTo(5);
      assertThat(kind.get("ratioP50").asDouble()).isPositive();
    }
    assertThat(report.at("/kinds/creation/path").asText()).isEqualTo("PutItem");
    assertThat(report.at("/kinds/update/path").asText()).isEqualTo("Query → PutItem");
    assertThat(report.at("/kinds/update-snapshot/path").asText()).isEqualTo("Query → GetItem → PutItem");
    assertThat(report.at("/kinds/update-snapshot-parallel/calls").asInt()).isEqualTo(3);
    assertThat(report.at("/kinds/update-idempotency-key/path").asText()).isEqualTo("Query → TransactWriteItems");
    assertThat(report.at("/kinds/update-idempotency-key/rawWrite").asText()).startsWith("TransactWriteItems (2");
    assertThat(report.at("/kinds/update-kept/path").asText()).isEqualTo("PutItem");
    assertThat(report.at("/kinds/update-kept-behind/path").asText()).isEqualTo("PutItem → Query → PutItem");
    assertThat(Files.readString(out.resolve("command-path.md"))).contains("| `update-snapshot-parallel`");
  }

  @Test
  void throughputBench_runsBothFrameworksOnTheSameCarts_andReportsTheirRatio(@TempDir Path out) throws Exception {
    ThroughputBench.main(new String[] {out.toString(), "200", "1", "0"});

    JsonNode report = json.readTree(out.resolve("throughput.json").toFile());
    assertThat(report.get("variants").fieldNames()).toIterable().containsExactly("sourced-command-bus", "axon-indexed");
    for (JsonNode variant : report.get("variants")) {
      assertThat(variant.get("commandsPerSecond")).hasSize(1);
      assertThat(variant.get("medianCommandsPerSecond").asDouble()).isPositive();
    }
    assertThat(report.get("ratios")).hasSize(1);
    assertThat(Files.readString(out.resolve("throughput.md"))).contains("`axon-indexed`");
  }
}
