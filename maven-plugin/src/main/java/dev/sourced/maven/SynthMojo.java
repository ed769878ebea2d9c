package dev.sourced.maven;

import dev.sourced.maven.internal.Goals;
import java.io.File;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Synthesizes the application's AWS CDK stack into a cloud assembly ({@code target/cdk.out}, or the folder the CDK CLI
 * names in {@code CDK_OUTDIR}, so that {@code cdk synth} and {@code cdk deploy} run it through {@code cdk.json}). It
 * runs the CDK app in a JVM of its own, on the Lambda bundle {@code sourced:bundle} wrote; the AWS CDK needs Node.js
 * (22 or 24). Bound to {@code package}, after the bundle.
 */
@Mojo(name = "synth", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public class SynthMojo extends SourcedMojo {
  /** The application to deploy, by its name; by default the only one on the class path. */
  @Parameter(property = "sourced.app")
  private String app;

  /** Where the cloud assembly goes, unless the CDK CLI sets {@code CDK_OUTDIR}. */
  @Parameter(property = "sourced.synth.output", defaultValue = "${project.build.directory}/cdk.out")
  private File output;

  /**
   * The CDK app's main class; the default builds the {@code SourcedStack} of the application. Name your own (on the
   * test class path, with sourced-cdk in test scope) to add resources or stacks.
   */
  @Parameter(property = "sourced.synth.mainClass", defaultValue = "dev.sourced.cdk.SourcedCdkApp")
  private String mainClass;

  /**
   * How the stack spreads over CloudFormation stacks, each of which takes at most 500 resources: {@code one-stack} (about
   * 4 aggregates and 8 projections), {@code nested} (a nested stack per aggregate, projection and process manager; a
   * deployed one-stack app switches in one deployment, keeping every table) or {@code nested-with-routes} (the routes in
   * the nested stacks too, for new apps). See docs/deploy.md, "Nested stacks". Passed to the CDK app (any main class) as
   * system property {@code sourced.stackLayout}, which {@code SourcedStack.backendProps} reads.
   */
  @Parameter(property = "sourced.synth.stackLayout", defaultValue = "one-stack")
  private String stackLayout;

  /** Options of the CDK app's JVM, separated by spaces. */
  @Parameter(property = "sourced.synth.jvmArgs", defaultValue = "")
  private String jvmArgs;

  /** Skip synthesis, e.g. on a machine without Node.js. */
  @Parameter(property = "sourced.synth.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
  private List<Artifact> pluginArtifacts;

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipped (sourced.synth.skip).");
      return;
    }
    Goals.synth(project, pluginArtifacts, app, mainClass, output, stackLayout, jvmArgs, getLog());
  }
}
