package dev.sourced.maven.internal;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.lifecycle.MavenExecutionPlan;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.logging.Log;

/**
 * Runs the project's own build up to {@code process-classes} again, inside this Maven, with the pom's configuration:
 * resources, and the compiler with the Sourced processor exactly as {@code mvn compile} runs it (the processor reads
 * the whole application, so the compiler plugin recompiles every source when one changed).
 */
public final class Recompiler {
  private final MavenSession session;
  private final LifecycleExecutor lifecycle;
  private final BuildPluginManager plugins;
  private final Log log;

  public Recompiler(MavenSession session, LifecycleExecutor lifecycle, BuildPluginManager plugins, Log log) {
    this.session = session;
    this.lifecycle = lifecycle;
    this.plugins = plugins;
    this.log = log;
  }

  /** @return whether it compiled; when not, the compiler's messages have been logged */
  public boolean compile() {
    try {
      MavenExecutionPlan plan = lifecycle.calculateExecutionPlan(session, "process-classes");
      for (MojoExecution execution : plan.getMojoExecutions()) {
        plugins.executeMojo(session, execution);
      }
      return true;
    } catch (Exception e) {
      log.error("The build failed, so the running app is unchanged: " + e.getMessage());
      return false;
    }
  }
}
