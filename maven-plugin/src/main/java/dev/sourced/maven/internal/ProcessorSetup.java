package dev.sourced.maven.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Whether the project compiles with the Sourced processor: on maven-compiler-plugin's
 * {@code annotationProcessorPaths} (its configuration or an execution's), or as a dependency. Checked before the
 * compiler runs, so a missing processor is one line, not a missing {@code SourcedApp} later.
 */
public final class ProcessorSetup {
  static final String PROCESSOR = "sourced-processor";

  private ProcessorSetup() {}

  /** @throws SetupException when nothing puts the processor on the compiler's processor path */
  public static void require(MavenProject project) throws SetupException {
    for (Dependency dependency : project.getDependencies()) {
      if ("dev.sourced".equals(dependency.getGroupId()) && PROCESSOR.equals(dependency.getArtifactId())
          && !"test".equals(dependency.getScope())) {
        return;
      }
    }
    Plugin compiler = project.getBuild().getPluginsAsMap().get("org.apache.maven.plugins:maven-compiler-plugin");
    if (compiler != null) {
      List<Object> configurations = new ArrayList<>();
      configurations.add(compiler.getConfiguration());
      for (PluginExecution execution : compiler.getExecutions()) {
        configurations.add(execution.getConfiguration());
      }
      for (Object configuration : configurations) {
        if (configuration instanceof Xpp3Dom dom && namesProcessor(dom.getChild("annotationProcessorPaths"))) {
          return;
        }
      }
    }
    throw new SetupException("The Sourced annotation processor is not on the compiler's processor path, so nothing would"
        + " be generated: add <path><groupId>dev.sourced</groupId><artifactId>sourced-processor</artifactId>"
        + "<version>${sourced.version}</version></path> to maven-compiler-plugin's <annotationProcessorPaths>"
        + " (docs/getting-started.md).");
  }

  private static boolean namesProcessor(Xpp3Dom paths) {
    if (paths == null) {
      return false;
    }
    for (Xpp3Dom path : paths.getChildren()) {
      Xpp3Dom artifactId = path.getChild("artifactId");
      if (artifactId != null && PROCESSOR.equals(artifactId.getValue())) {
        return true;
      }
    }
    return false;
  }
}
