package dev.sourced.maven;

import dev.sourced.maven.internal.Goals;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Stops the local cloud that {@code sourced:start} started for this project; bound to {@code post-integration-test}. */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends SourcedMojo {
  @Override
  void run() throws MojoExecutionException {
    Goals.stop(project, getLog());
  }
}
