package dev.sourced.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mistakes a newcomer meets end LocalCloudMain with one line: the cause and the fix. */
class LocalCloudMainTest {
  @Test
  void portInUse_isOneLine_withTheFix() {
    RuntimeException e = new UncheckedIOException("could not listen on port 8080", new BindException("Address already in use"));

    assertThat(LocalCloudMain.explain(e, "8080")).isEqualTo("port 8080 on localhost is in use, perhaps by another local cloud:"
        + " stop that process (`lsof -i :8080` names it) or choose another port (SOURCED_PORT, or -Dsourced.port with mvn"
        + " sourced:run).");
  }

  @Test
  void noGeneratedApp_saysTheProcessorDidNotRun() {
    RuntimeException e = new IllegalStateException("no Sourced applications on the class path (found: []); compile it with the"
        + " Sourced processor (annotationProcessorPaths)");

    assertThat(LocalCloudMain.explain(e, "8080")).endsWith("No generated SourcedApp means the annotation processor did not run:"
        + " put dev.sourced:sourced-processor in maven-compiler-plugin's <annotationProcessorPaths> (docs/getting-started.md)");
  }

  @Test
  void theLocalCloud_endsWithTheProcessThatStartedIt_evenWhenThatIsKilledOutright(@TempDir Path dir) throws Exception {
    // sourced:run gives Maven's pid; a Maven killed with SIGKILL runs no shutdown hook that could stop the local cloud
    Process parent = new ProcessBuilder("sleep", "120").start();
    Path hops = dir.resolve("hops.log");
    Process cloud = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), "-DSOURCED_PORT=0", "-DSOURCED_APP_NAME=bank",
        "-DSOURCED_HOP_LOG=" + hops, "-DSOURCED_PARENT_PID=" + parent.pid(), LocalCloudMain.class.getName())
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(Files.exists(hops) && Files.readString(hops).contains("heap limit")) && cloud.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(Files.readString(hops)).as(Files.readString(dir.resolve("out.log"))).contains("heap limit"); // it serves

      parent.destroyForcibly();

      assertThat(cloud.waitFor(30, TimeUnit.SECONDS)).as("the local cloud ended with its parent").isTrue();
      assertThat(Files.readString(hops)).contains("process " + parent.pid() + " that started the local cloud has ended: stopping");
    } finally {
      parent.destroyForcibly();
      cloud.destroyForcibly();
    }
  }

  @Test
  void aVisibilityTimeout_isADurationOrSeconds_andAnythingElseASettingMistake() {
    assertThat(LocalCloudMain.visibilityTimeout(null)).isNull();
    assertThat(LocalCloudMain.visibilityTimeout("PT5S")).isEqualTo(java.time.Duration.ofSeconds(5));
    assertThat(LocalCloudMain.visibilityTimeout(" 7 ")).isEqualTo(java.time.Duration.ofSeconds(7));
    for (String wrong : new String[] {"5s", "-PT1S", "PT0.5S", "PT13H", "99999999999999999999"}) {
      IllegalArgumentException e = org.assertj.core.api.Assertions.catchThrowableOfType(
          () -> LocalCloudMain.visibilityTimeout(wrong), IllegalArgumentException.class);
      assertThat(LocalCloudMain.explain(e, "8080")).as(wrong).startsWith("SOURCED_VISIBILITY_TIMEOUT must be whole seconds");
    }
  }

  @Test
  void aParentPidThatIsNotOne_isASettingMistake() {
    assertThat(LocalCloudMain.parentPid(null)).isNull();
    assertThat(LocalCloudMain.parentPid(" 42 ")).isEqualTo(42L);
    IllegalArgumentException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> LocalCloudMain.parentPid("maven"), IllegalArgumentException.class);
    assertThat(LocalCloudMain.explain(e, "8080")).isEqualTo("SOURCED_PARENT_PID must be a process id; found 'maven'.");
  }

  @Test
  void aBadSetting_isItsOwnMessage_andABug_keepsItsTrace() {
    assertThat(LocalCloudMain.explain(new IllegalArgumentException("SOURCED_LOG must be json, info, warn, error or off; found 'x'"),
        "8080")).startsWith("SOURCED_LOG must be");
    assertThat(LocalCloudMain.explain(new NullPointerException(), "8080")).isNull();
  }
}
