package dev.sourced.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SourcedMojoTest {
  @Test
  void olderJdk_isRefused_inOneLineWithTheFix() {
    assertThat(SourcedMojo.jdkProblem("11", "/usr/lib/jvm/java-11")).isEqualTo("Sourced needs JDK 17 or newer, but Maven runs on"
        + " Java 11 (/usr/lib/jvm/java-11): install a JDK 17+ and point JAVA_HOME at it (`mvn -v` shows which Java Maven uses).");
    assertThat(SourcedMojo.jdkProblem("1.8", "/jdk8")).startsWith("Sourced needs JDK 17 or newer, but Maven runs on Java 1.8");
    assertThat(SourcedMojo.jdkProblem("16", "/jdk16")).isNotNull();
  }

  @Test
  void jdk17AndNewer_pass() {
    assertThat(SourcedMojo.jdkProblem("17", "/jdk")).isNull();
    assertThat(SourcedMojo.jdkProblem("25", "/jdk")).isNull();
  }

  /** What makes the one-line refusal possible: Maven can load the goals on a JDK 8. */
  @Test
  void goalClasses_areJava8ClassFiles_andEverythingTheyCallIsJava17() throws IOException {
    Path classes = Path.of("target/classes/dev/sourced/maven");
    List<Path> goals;
    try (Stream<Path> files = Files.list(classes)) {
      goals = files.filter(f -> f.toString().endsWith(".class")).toList();
    }
    assertThat(goals).extracting(f -> f.getFileName().toString()).contains("RunMojo.class", "BundleMojo.class",
        "SynthMojo.class", "CheckMojo.class", "StartMojo.class", "StopMojo.class", "SourcedMojo.class");
    for (Path goal : goals) {
      assertThat(majorVersion(goal)).as(goal.toString()).isEqualTo(52);
    }
    assertThat(majorVersion(classes.resolve("internal/Goals.class"))).isEqualTo(61);
  }

  private static int majorVersion(Path classFile) throws IOException {
    try (InputStream in = Files.newInputStream(classFile); DataInputStream data = new DataInputStream(in)) {
      data.readInt(); // magic
      data.readUnsignedShort(); // minor
      return data.readUnsignedShort();
    }
  }
}
