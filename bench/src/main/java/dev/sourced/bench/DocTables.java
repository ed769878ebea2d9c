package dev.sourced.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A benchmark's results as a Markdown table: written next to its JSON ({@code <out>/<name>.md}) and, when the system
 * property {@code bench.docs} names a Markdown file (the bench profile sets it to {@code docs/benchmarks.md}), put
 * into that file between the lines {@code <!-- bench:<name> -->} and {@code <!-- /bench:<name> -->}, so the
 * documented tables are the last run's.
 */
final class DocTables {
  private DocTables() {}

  static void write(Path out, String name, String markdown) throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve(name + ".md"), markdown, StandardCharsets.UTF_8);
    String docs = System.getProperty("bench.docs");
    if (docs == null || docs.isBlank()) {
      return;
    }
    Path file = Path.of(docs);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String begin = "<!-- bench:" + name + " -->\n";
    String end = "<!-- /bench:" + name + " -->";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      System.out.println(file + " has no " + begin.strip() + " … " + end + " section; left as it is");
      return;
    }
    Files.writeString(file, text.substring(0, from + begin.length()) + markdown + text.substring(to), StandardCharsets.UTF_8);
    System.out.println("updated the " + name + " table in " + file);
  }

  /** @return e.g. {@code 2026-11-29, OpenJDK 64-Bit Server VM 17.0.15, 2 cores, max heap 512 MB} from a report */
  static String machine(com.fasterxml.jackson.databind.JsonNode report) {
    return report.get("at").asText().substring(0, 10) + ", " + report.get("java").asText() + ", " + report.get("cores").asInt()
        + " cores, max heap " + report.get("maxHeapMb").asLong() + " MB";
  }
}
