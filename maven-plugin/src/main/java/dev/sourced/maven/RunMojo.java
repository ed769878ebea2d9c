package dev.sourced.maven;

import dev.sourced.maven.internal.Goals;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Runs the application on the local cloud (DynamoDB Local, ElasticMQ, an EventBridge bus matching with event-ruler,
 * the HTTP API) in a JVM of its own, until Ctrl-C: {@code mvn sourced:run}. It compiles first; it never synthesizes
 * the CDK stack. While it runs, a change under the source or resource folders recompiles the project (the compiler
 * and the Sourced processor as {@code mvn compile} runs them) and restarts the application when that succeeds; a
 * failed compilation leaves the running one as it was.
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class RunMojo extends LocalCloudMojo {
  /** Recompile and restart when sources change; {@code false} runs until Ctrl-C without watching. */
  @Parameter(property = "sourced.watch", defaultValue = "true")
  private boolean watch;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  private final LifecycleExecutor lifecycle;
  private final BuildPluginManager plugins;

  @Inject
  public RunMojo(LifecycleExecutor lifecycle, BuildPluginManager plugins) {
    this.lifecycle = lifecycle;
    this.plugins = plugins;
  }

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    Goals.run(project, pluginArtifacts, app, port, data, hopLog, functionLog, jvmArgs, visibilityTimeout, watch, session,
        lifecycle, plugins, getLog());
  }
}
