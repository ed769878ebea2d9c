package dev.sourced.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness works end to end, so it does not rot between benchmark runs: one run of every variant,
 * each in its own JVM, and a complete report. It asserts what happened, never how fast.
 */
class ColdStartBenchTest {
  @Test
  void everyVariantHandlesBothCommandsInAFreshJvmAndTheReportIsComplete(@TempDir Path out) throws Exception {
    ColdStartBench.main(new String[] {"1", out.toString()});

    JsonNode report = new ObjectMapper().readTree(out.resolve("cold-start.json").toFile());
    assertThat(report.get("runs").asInt()).isEqualTo(1);
    assertThat(report.get("variants").fieldNames()).toIterable()
        .containsExactly("sourced-lambda", "sourced-lambda-unprimed", "sourced-lambda-on-demand", "sourced-lambda-default-jit",
            "sourced-command-bus", "axon");
    for (JsonNode variant : report.get("variants")) {
      assertThat(variant.get("samples")).hasSize(1);
      JsonNode sample = variant.get("samples").get(0);
      assertThat(sample.get("jvmStartToSecondResultMs").asDouble()).isPositive();
      assertThat(sample.get("loadedClasses").asInt()).isGreaterThan(500);
    }
    // the C1 flags reach the variants that should have them, and only those
    assertThat(report.at("/variants/sourced-lambda/jvmFlags").toString()).contains("TieredStopAtLevel=1");
    assertThat(report.at("/variants/sourced-lambda-default-jit/jvmFlags").toString()).doesNotContain("TieredStopAtLevel");
    assertThat(report.get("ratios")).hasSize(6);
    assertThat(report.get("lambdaClassPath").asText()).isNotBlank();
    // the in-memory variants run on what they load classes from: a few entries of the bench's class path, not all of it
    for (String inMemory : new String[] {"sourced-command-bus", "axon"}) {
      JsonNode variant = report.at("/variants/" + inMemory);
      assertThat(variant.get("classPathEntries").asInt()).isBetween(2, 15).isEqualTo(variant.get("classPath").size());
      assertThat(variant.get("classPath").toString()).doesNotContain("DynamoDBLocal", "elasticmq");
    }
    assertThat(report.at("/variants/sourced-command-bus/classPath").toString()).contains("sourced-runtime").doesNotContain("axon");
    assertThat(report.at("/variants/axon/classPath").toString()).contains("axon-messaging").doesNotContain("sourced-runtime");
  }
}
