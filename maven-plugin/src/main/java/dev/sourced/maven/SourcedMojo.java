package dev.sourced.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal does first: refuse a JDK older than 17 with one line that says so, before any class that needs
 * Java 17 is loaded. (Java 8 code: no API or syntax newer than Java 8 in this package.)
 */
public abstract class SourcedMojo extends AbstractMojo {
  /** The Java feature release Sourced runs on. */
  static final int REQUIRED_JAVA = 17;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    String problem = jdkProblem(System.getProperty("java.specification.version"), System.getProperty("java.home"));
    if (problem != null) {
      throw new MojoFailureException(problem);
    }
    run();
  }

  /** The goal's work, on a JDK 17 or newer. */
  abstract void run() throws MojoExecutionException, MojoFailureException;

  /**
   * @param specificationVersion {@code java.specification.version}: {@code 1.8}, {@code 11}, {@code 17}, ...
   * @param javaHome where that JDK is
   * @return why Sourced cannot run on it, or null when it can
   */
  static String jdkProblem(String specificationVersion, String javaHome) {
    String version = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
    int dot = version.indexOf('.');
    int feature;
    try {
      feature = Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    } catch (NumberFormatException e) {
      return null; // an unknown format: let the goal try
    }
    if (feature >= REQUIRED_JAVA) {
      return null;
    }
    return "Sourced needs JDK " + REQUIRED_JAVA + " or newer, but Maven runs on Java " + specificationVersion + " ("
        + javaHome + "): install a JDK 17+ and point JAVA_HOME at it (`mvn -v` shows which Java Maven uses).";
  }
}
