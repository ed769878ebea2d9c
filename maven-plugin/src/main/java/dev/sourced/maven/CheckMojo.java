package dev.sourced.maven;

import dev.sourced.maven.internal.Goals;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks, before anything is compiled, what a Sourced build needs and says in one line what to fix: a JDK 17 or newer
 * (an older one otherwise fails later with "release version 17 not supported"), and the Sourced annotation processor
 * on maven-compiler-plugin's {@code annotationProcessorPaths}. Bound to {@code validate}.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CheckMojo extends SourcedMojo {
  @Override
  void run() throws MojoFailureException {
    Goals.check(project, getLog());
  }
}
