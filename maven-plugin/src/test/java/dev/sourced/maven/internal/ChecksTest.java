package dev.sourced.maven.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-line causes and fixes a newcomer meets. */
class ChecksTest {
  @TempDir
  Path dir;

  @Test
  void portInUse_saysWhichAndHowToChooseAnother() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> Ports.requireFree(port)).isInstanceOf(SetupException.class)
          .hasMessage("Port " + port + " on localhost is in use, perhaps by another `mvn sourced:run`: stop that process"
              + " (`lsof -i :" + port + "` names it) or choose another port with -Dsourced.port=" + (port + 1) + ".");
    }
  }

  @Test
  void freePort_andAnyPort_pass() throws Exception {
    Ports.requireFree(Ports.free());
    Ports.requireFree(0);
  }

  @Test
  void noGeneratedApp_saysTheProcessorDidNotRun() throws Exception {
    assertThatThrownBy(() -> GeneratedApp.require(dir)).isInstanceOf(SetupException.class)
        .hasMessageStartingWith("No generated SourcedApp in " + dir + ": the Sourced annotation processor did not run."
            + " Put dev.sourced:sourced-processor in maven-compiler-plugin's <annotationProcessorPaths>");
    Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(dir.resolve(GeneratedApp.SERVICE), "app.SourcedApp\n");
    GeneratedApp.require(dir);
  }

  @Test
  void nodeVersions_outside22And24_areWarnedAbout() {
    assertThat(Node.unsupported("v22.23.5")).isNull();
    assertThat(Node.unsupported("v24.1.0")).isNull();
    assertThat(Node.unsupported("v20.20.2")).isEqualTo("Node.js v20.20.2 is not one the AWS CDK supports (22 and 24), and"
        + " past its end of life: synthesis goes on, but install Node.js 22 or 24 (see docs/getting-started.md).");
    assertThat(Node.unsupported("v25.0.0")).contains("if it fails, use Node.js 22 or 24");
  }

  @Test
  void processorMissing_isCaughtBeforeCompiling() throws Exception {
    MavenProject project = project(null);
    assertThatThrownBy(() -> ProcessorSetup.require(project)).isInstanceOf(SetupException.class)
        .hasMessageStartingWith("The Sourced annotation processor is not on the compiler's processor path");

    Xpp3Dom configuration = new Xpp3Dom("configuration");
    Xpp3Dom paths = new Xpp3Dom("annotationProcessorPaths");
    Xpp3Dom path = new Xpp3Dom("path");
    Xpp3Dom artifactId = new Xpp3Dom("artifactId");
    artifactId.setValue("sourced-processor");
    path.addChild(artifactId);
    paths.addChild(path);
    configuration.addChild(paths);
    ProcessorSetup.require(project(configuration));
  }

  private static MavenProject project(Xpp3Dom compilerConfiguration) {
    Model model = new Model();
    model.setBuild(new Build());
    Plugin compiler = new Plugin();
    compiler.setArtifactId("maven-compiler-plugin");
    compiler.setConfiguration(compilerConfiguration);
    model.getBuild().addPlugin(compiler);
    return new MavenProject(model);
  }
}
