package dev.sourced.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness works end to end on a tiny application, so it does not rot between benchmark runs: every
 * variant compiles in its own JVM (the processor's generated code too, against sourced-runtime), the
 * processor reports its steps, and the report and the docs table are complete. It asserts what
 * happened, never how fast.
 */
class ProcessorBenchTest {
  @Test
  void everyVariantCompilesATinyAppInAFreshJvm_andTheReportAndDocsTableAreComplete(@TempDir Path out) throws Exception {
    Path docs = out.resolve("benchmarks.md");
    Files.writeString(docs, "before\n" + ProcessorBench.BEGIN + "\nold table\n" + ProcessorBench.END + "\nafter\n");

    ProcessorBench.main(new String[] {"1", out.toString(), "2", docs.toString()});

    JsonNode report = new ObjectMapper().readTree(out.resolve("processor.json").toFile());
    JsonNode size = report.at("/sizes/2");
    assertThat(size.get("annotatedClasses").asInt()).isEqualTo(4);
    // the registry, the codecs, and in each package (domain, views) one SourcedDispatchers and one SourcedLambdas
    assertThat(size.get("generatedSourceFiles").asInt()).isEqualTo(6);
    assertThat(size.get("variants").fieldNames()).toIterable()
        .containsExactly(ProcessorBench.PLAIN, ProcessorBench.PROCESSOR, ProcessorBench.GENERATED);
    for (JsonNode variant : size.get("variants")) {
      assertThat(variant.get("samplesMs")).hasSize(1);
      assertThat(variant.get("medianMs").asDouble()).isPositive();
    }
    assertThat(size.get("processorStepsMedianMs").fieldNames()).toIterable()
        .contains("reading", "validation", "registry", "codecs", "lambdas", "total");
    assertThat(size.get("ratios")).hasSize(3);
    // the compiled app holds the generated registry and codecs, so the generated code compiled
    assertThat(out.resolve("processor/2/classes/corpus/SourcedApp.class")).exists();
    assertThat(out.resolve("processor/2/classes/corpus/SourcedAppJson.class")).exists();

    // a function's start in a fresh JVM: the registry and codecs, one aggregate's first command, then the whole application
    JsonNode start = size.get("registryStart");
    assertThat(start.get("samples")).hasSize(1);
    assertThat(start.get("registryMs").asDouble()).isPositive();
    assertThat(start.get("firstCommandMs").asDouble()).isPositive();
    assertThat(start.get("loadedClasses").asInt()).isGreaterThan(500);
    // 2 aggregates, 6 events, 2 projections, 2 queries
    assertThat(start.get("definitions").asInt()).isEqualTo(12);
    // the first command made only its aggregate's part: walking everything loads the other aggregate's classes
    assertThat(start.get("loadedClassesAfterEverything").asInt()).isGreaterThan(start.get("loadedClasses").asInt());

    String updated = Files.readString(docs);
    assertThat(updated).startsWith("before\n" + ProcessorBench.BEGIN).endsWith(ProcessorBench.END + "\nafter\n");
    assertThat(updated).doesNotContain("old table").contains("| 2 + 2 |").contains("| registry and codecs | first command |");
  }
}
