package dev.sourced.maven;

import dev.sourced.maven.internal.Goals;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Writes the Lambda bundle, {@code target/<finalName>-lambda.jar}: the application's classes and its runtime-scope
 * dependencies in one jar, and prints its size. Classes that use the AWS CDK stay out; a development-only dependency
 * (CDK, the local cloud, the processor, JUnit...) in compile or runtime scope fails the build, naming it. Bound to
 * {@code package}.
 */
@Mojo(name = "bundle", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class BundleMojo extends SourcedMojo {
  /** The bundle's classifier: {@code <finalName>-<classifier>.jar}. */
  @Parameter(property = "sourced.bundle.classifier", defaultValue = "lambda")
  private String classifier;

  /** Whether {@code install} and {@code deploy} take the bundle along with the project's jar. */
  @Parameter(property = "sourced.bundle.attach", defaultValue = "true")
  private boolean attach;

  /** Skip the bundle. */
  @Parameter(property = "sourced.bundle.skip", defaultValue = "false")
  private boolean skip;

  private final MavenProjectHelper projectHelper;

  @Inject
  public BundleMojo(MavenProjectHelper projectHelper) {
    this.projectHelper = projectHelper;
  }

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipped (sourced.bundle.skip).");
      return;
    }
    Goals.bundle(project, classifier, attach, projectHelper, getLog());
  }
}
