package dev.sourced.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs state some of the description's settings in words ("DLQ after 5 receives", "180 s"): they must say what the
 * description deploys, so that a change of the setting fails here until the words follow.
 */
class DocumentedSettingsTest {
  private static final Pattern RECEIVES = Pattern.compile("after (\\d+) receives");
  private static final Pattern VISIBILITY = Pattern.compile("visibility (\\d+) s|\\((\\d+) s, as deployed|\\((\\d+) s for a projection's");

  private static List<Path> documents() throws IOException {
    Path docs = Path.of(System.getProperty("docs.dir", "../docs"));
    List<Path> files = new ArrayList<>();
    try (Stream<Path> markdown = Files.list(docs)) {
      // benchmarks.md reports runs, with the settings they ran with
      markdown.filter(f -> f.toString().endsWith(".md") && !f.getFileName().toString().equals("benchmarks.md")).forEach(files::add);
    }
    files.add(Path.of("../maven-plugin/src/main/java/dev/sourced/maven/LocalCloudMojo.java"));
    return files;
  }

  @Test
  void theDocsReceiveCountAndVisibilityTimeout_areTheDescriptions() throws IOException {
    long visibility = DeploymentOptions.DEFAULTS.visibilityTimeout().toSeconds();
    int receives = 0;
    int timeouts = 0;
    for (Path file : documents()) {
      String text = Files.readString(file, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
      Matcher count = RECEIVES.matcher(text);
      while (count.find()) {
        assertThat(Integer.parseInt(count.group(1))).as("%s: '%s'", file, count.group()).isEqualTo(Deployment.MAX_RECEIVE_COUNT);
        receives++;
      }
      Matcher seconds = VISIBILITY.matcher(text);
      while (seconds.find()) {
        String value = seconds.group(1) != null ? seconds.group(1) : seconds.group(2) != null ? seconds.group(2) : seconds.group(3);
        assertThat(Long.parseLong(value)).as("%s: '%s'", file, seconds.group()).isEqualTo(visibility);
        timeouts++;
      }
    }
    assertThat(receives).as("mentions of the receive count").isGreaterThanOrEqualTo(6);
    assertThat(timeouts).as("mentions of the visibility timeout").isGreaterThanOrEqualTo(3);
  }
}
