package dev.sourced.maven;

import dev.sourced.maven.internal.Goals;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Starts the application on the local cloud in a JVM of its own and goes on with the build once it answers
 * {@code GET /health}, e.g. before integration tests: bound to {@code pre-integration-test}. It sets the project
 * properties {@code sourced.url} ({@code http://localhost:<port>}) and {@code sourced.localPort}; {@code sourced:stop}
 * stops it.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST,
    requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class StartMojo extends LocalCloudMojo {
  /** How long to wait for {@code /health} to answer 200, in seconds. */
  @Parameter(property = "sourced.startTimeout", defaultValue = "120")
  private int startTimeout;

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    Goals.start(project, pluginArtifacts, app, port, data, hopLog, functionLog, jvmArgs, visibilityTimeout, startTimeout,
        getLog());
  }
}
