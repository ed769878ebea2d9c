package dev.sourced.maven.internal;

import dev.sourced.cdk.StackLayout;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * The goals' work, one method each, called by the Java 8 goal classes once they have checked the JDK. Arguments are
 * Maven's types and plain values, so that those classes never need one of this package's types before the check.
 */
public final class Goals {
  private Goals() {}

  /** {@code sourced:check}. */
  public static void check(MavenProject project, Log log) throws MojoFailureException {
    ProcessorSetup.require(project);
    log.debug("The Sourced processor is on the compiler's processor path.");
  }

  /** {@code sourced:run}: until Ctrl-C. */
  public static void run(MavenProject project, List<Artifact> pluginArtifacts, String app, int port, File data,
      String hopLog, String functionLog, String jvmArgs, String visibilityTimeout, boolean watch, MavenSession session,
      LifecycleExecutor lifecycle, BuildPluginManager plugins, Log log) throws MojoFailureException, MojoExecutionException {
    // a Maven killed outright (SIGKILL, an IDE's stop button) runs no shutdown hook: the local cloud watches it instead
    CloudSettings settings = settings(app, port, data, hopLog, functionLog, jvmArgs, visibilityTimeout).endingWithThisJvm();
    LocalRun run = new LocalRun(settings, () -> AppClassPath.of(project, pluginArtifacts), classes(project), work(project), log);
    try {
      if (watch) {
        List<Path> watched = new ArrayList<>();
        Path generated = Path.of(project.getBuild().getDirectory());
        for (String root : project.getCompileSourceRoots()) {
          if (!Path.of(root).startsWith(generated)) {
            watched.add(Path.of(root));
          }
        }
        project.getResources().forEach(resource -> watched.add(Path.of(resource.getDirectory())));
        run.runWatching(watched, new Recompiler(session, lifecycle, plugins, log));
      } else {
        run.runOnce();
      }
    } catch (IOException e) {
      throw new MojoExecutionException("could not run the local cloud: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code sourced:start}: returns once the local cloud answers {@code /health}, leaving it running. */
  public static void start(MavenProject project, List<Artifact> pluginArtifacts, String app, int port, File data,
      String hopLog, String functionLog, String jvmArgs, String visibilityTimeout, int timeoutSeconds, Log log)
      throws MojoFailureException, MojoExecutionException {
    CloudSettings settings = settings(app, port, data, hopLog, functionLog, jvmArgs, visibilityTimeout);
    GeneratedApp.require(classes(project));
    stopPrevious(project, log);
    try {
      LocalCloudProcess cloud = LocalCloudProcess.start(settings,
          AppClassPath.of(project, pluginArtifacts), work(project));
      if (!cloud.awaitReady(Duration.ofSeconds(timeoutSeconds))) {
        cloud.stop();
        throw new SetupException("The local cloud did not answer GET " + cloud.baseUri() + "/health with 200 within "
            + timeoutSeconds + " s; the lines above say why.");
      }
      Files.writeString(pidFile(project), Long.toString(cloud.pid()), StandardCharsets.US_ASCII);
      project.getProperties().setProperty("sourced.url", cloud.baseUri().toString());
      project.getProperties().setProperty("sourced.localPort", Integer.toString(cloud.port()));
      log.info("The local cloud serves " + cloud.baseUri() + " (process " + cloud.pid() + ", ${sourced.url} for the tests);"
          + " sourced:stop stops it.");
    } catch (IOException e) {
      throw new MojoExecutionException("could not start the local cloud: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted while the local cloud started", e);
    }
  }

  /** {@code sourced:stop}: stops what {@code sourced:start} started for this project, if it still runs. */
  public static void stop(MavenProject project, Log log) throws MojoExecutionException {
    if (!stopPrevious(project, log)) {
      log.info("No local cloud started by sourced:start runs for this project.");
    }
  }

  private static boolean stopPrevious(MavenProject project, Log log) throws MojoExecutionException {
    Path pidFile = pidFile(project);
    try {
      if (!Files.exists(pidFile)) {
        return false;
      }
      Optional<ProcessHandle> running = LocalCloudProcess.running(Long.parseLong(Files.readString(pidFile).trim()));
      Files.delete(pidFile);
      running.ifPresent(handle -> {
        log.info("Stopping the local cloud (process " + handle.pid() + ").");
        LocalCloudProcess.stop(handle);
      });
      return running.isPresent();
    } catch (IOException | NumberFormatException e) {
      throw new MojoExecutionException("could not read " + pidFile + ": " + e.getMessage(), e);
    }
  }

  /** {@code sourced:bundle}. */
  public static void bundle(MavenProject project, String classifier, boolean attach, MavenProjectHelper helper, Log log)
      throws MojoFailureException, MojoExecutionException {
    Path classes = classes(project);
    GeneratedApp.require(classes);
    List<Path> jars = new ArrayList<>();
    List<String> devOnly = new ArrayList<>();
    for (Artifact artifact : project.getArtifacts()) {
      String scope = artifact.getScope();
      if (!Artifact.SCOPE_COMPILE.equals(scope) && !Artifact.SCOPE_RUNTIME.equals(scope)) {
        continue;
      }
      Optional<String> dev = DevOnly.describe(artifact);
      if (dev.isPresent()) {
        devOnly.add(artifact.getGroupId() + ":" + artifact.getArtifactId() + " (" + dev.get() + ", "
            + (artifact.getDependencyTrail() != null && artifact.getDependencyTrail().size() > 2
                ? "through " + artifact.getDependencyTrail().get(1) : "declared") + ")");
      } else if (artifact.getFile() != null && artifact.getArtifactHandler().isAddedToClasspath()) {
        jars.add(artifact.getFile().toPath());
      }
    }
    if (!devOnly.isEmpty()) {
      throw new SetupException("The Lambda bundle would hold development-only code: " + String.join(", ", devOnly)
          + ". Give " + (devOnly.size() == 1 ? "it" : "them") + " <scope>test</scope> (sourced:synth and sourced:run"
          + " find them there, or bring their own).");
    }
    Path bundle = Path.of(project.getBuild().getDirectory(), project.getBuild().getFinalName() + "-" + classifier + ".jar");
    try {
      LambdaBundle.Written written = LambdaBundle.write(classes, jars, bundle);
      if (!written.leftOut().isEmpty()) {
        log.info("Kept out of the bundle, as they use the AWS CDK: " + String.join(", ", written.leftOut()));
      }
      log.info(String.format(Locale.ROOT, "Lambda bundle %s: %.1f MB (%,d bytes, %,d entries; the app and %d runtime jars)",
          project.getBasedir().toPath().relativize(bundle), written.bytes() / 1_000_000.0, written.bytes(),
          written.entries(), jars.size()));
    } catch (IOException e) {
      throw new MojoExecutionException("could not write " + bundle + ": " + e.getMessage(), e);
    }
    if (attach) {
      helper.attachArtifact(project, "jar", classifier, bundle.toFile());
    }
  }

  /** {@code sourced:synth}. */
  public static void synth(MavenProject project, List<Artifact> pluginArtifacts, String app, String mainClass, File output,
      String stackLayout, String jvmArgs, Log log) throws MojoFailureException, MojoExecutionException {
    StackLayout layout;
    try {
      layout = StackLayout.of(stackLayout);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("stackLayout: " + e.getMessage());
    }
    String cdkOut = System.getenv("CDK_OUTDIR"); // set by the CDK CLI (cdk synth / cdk deploy through cdk.json)
    Path assembly = cdkOut != null && !cdkOut.isBlank() ? Path.of(cdkOut) : output.toPath();
    try {
      Synth.run(mainClass, app, AppClassPath.of(project, pluginArtifacts), Path.of(project.getBuild().getDirectory()),
          assembly, layout, Jvm.options(jvmArgs), log::warn);
      log.info("CDK cloud assembly in " + assembly + " (cdk deploy --app " + assembly + " deploys it)");
    } catch (IOException e) {
      throw new MojoExecutionException("could not run the CDK app: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted during synthesis", e);
    }
  }


  private static Path classes(MavenProject project) {
    return Path.of(project.getBuild().getOutputDirectory());
  }

  private static Path work(MavenProject project) throws MojoExecutionException {
    Path work = Path.of(project.getBuild().getDirectory(), "sourced");
    try {
      return Files.createDirectories(work);
    } catch (IOException e) {
      throw new MojoExecutionException("could not create " + work + ": " + e.getMessage(), e);
    }
  }

  private static Path pidFile(MavenProject project) throws MojoExecutionException {
    return work(project).resolve("local-cloud.pid");
  }

  private static CloudSettings settings(String app, int port, File data, String hopLog, String functionLog, String jvmArgs,
      String visibilityTimeout) {
    return new CloudSettings(app, port, data == null ? null : data.toPath().toAbsolutePath(), hopLog, functionLog,
        Jvm.options(jvmArgs), visibilityTimeout, null);
  }
}
