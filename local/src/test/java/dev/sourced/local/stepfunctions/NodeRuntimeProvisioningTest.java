package dev.sourced.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning into a fresh home folder with the system's npm (from the registry, or npm's own cache): Node.js 22 even
 * where {@code node} on the PATH would do, the interpreter installed by two installers at once as two JVMs would,
 * and reused afterwards without npm.
 */
class NodeRuntimeProvisioningTest {
  private static final NpmInstaller NO_NPM = new NpmInstaller(List.of("/nonexistent/npm"), Map.of(), line -> { });

  @TempDir
  Path home;

  @Test
  void freshHome_isProvisionedOnce_thenReusedWithoutNpm() throws Exception {
    Queue<String> log = new ConcurrentLinkedQueue<>();
    NpmInstaller npm = new NpmInstaller(NpmInstaller.systemNpm(), Map.of(), log::add);
    String folder = NodeRuntime.INTERPRETER + "-" + NodeRuntime.INTERPRETER_VERSION;
    String spec = NodeRuntime.INTERPRETER + "@" + NodeRuntime.INTERPRETER_VERSION;
    String probe = "node_modules/" + NodeRuntime.INTERPRETER + "/package.json";
    long started = System.nanoTime();

    // two installers at once, each in its own temporary folder: one rename wins, the other's copy is dropped
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Path>> racing = Stream.of(1, 2).map(i -> CompletableFuture.supplyAsync(() -> {
      await(go);
      return npm.install(home, folder, spec, probe);
    })).toList();
    go.countDown();
    assertThat(racing).extracting(CompletableFuture::join).containsOnly(home.resolve(folder));
    NodeRuntime runtime = NodeRuntime.provision(home, false, npm, log::add);
    long provisioned = System.nanoTime();

    System.out.printf("stepfunctions provisioning of a fresh home (two interpreter installs at once, then Node.js): %d ms%n",
        (provisioned - started) / 1_000_000);
    assertThat(runtime.nodeVersion()).startsWith("v22.");
    assertThat(runtime.node()).startsWith(home);
    try (Stream<Path> folders = Files.list(home)) {
      assertThat(folders.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder(folder, NodePackage.forPlatform(System.getProperty("os.name"), System.getProperty("os.arch")).folder());
    }
    NodeRuntime reused = NodeRuntime.provision(home, false, NO_NPM, log::add);
    assertThat(reused.node()).isEqualTo(runtime.node());
    assertThat(reused.runnerScript()).isEqualTo(runtime.runnerScript());
    try (LocalStepFunctions stepFunctions = LocalStepFunctions.builder().runtime(reused).functions((function, payload) -> payload).start()) {
      String definition = "{\"StartAt\":\"Echo\",\"States\":{\"Echo\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:lambda:us-east-1:000000000000:function:echo\",\"End\":true}}}";
      assertThat(stepFunctions.start(definition, "{\"provisioned\":true}").await(Duration.ofMinutes(1))).isEqualTo("{\"provisioned\":true}");
    }
  }

  @Test
  void missingNpm_failsWithOneLineCauseAndFix() {
    assertThatThrownBy(() -> NodeRuntime.provision(home, false, NO_NPM, line -> { }))
        .isInstanceOf(ProvisioningException.class)
        .hasMessageStartingWith("npm is needed once to install aws-local-stepfunctions@3.0.0 but `/nonexistent/npm` could not be run")
        .hasMessageContaining("install Node.js (which brings npm) and put it on the PATH")
        .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("\n"));
    assertThat(home).isEmptyDirectory();
  }

  @Test
  void unreachableRegistry_failsWithOneLineCauseAndFix() {
    NpmInstaller offline = new NpmInstaller(NpmInstaller.systemNpm(),
        Map.of("npm_config_registry", "http://127.0.0.1:9/", "npm_config_fetch_retries", "0"), line -> { });

    assertThatThrownBy(() -> NodeRuntime.provision(home, false, offline, line -> { }))
        .isInstanceOf(ProvisioningException.class)
        .hasMessageStartingWith("npm could not install aws-local-stepfunctions@3.0.0 (exit code 1: code ECONNREFUSED")
        .hasMessageContaining("check the network and the npm registry")
        .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("\n"));
    assertThat(home).isEmptyDirectory();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
