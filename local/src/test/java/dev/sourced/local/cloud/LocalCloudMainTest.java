package dev.sourced.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;

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
  void aBadSetting_isItsOwnMessage_andABug_keepsItsTrace() {
    assertThat(LocalCloudMain.explain(new IllegalArgumentException("SOURCED_LOG must be json, info, warn, error or off; found 'x'"),
        "8080")).startsWith("SOURCED_LOG must be");
    assertThat(LocalCloudMain.explain(new NullPointerException(), "8080")).isNull();
  }
}
