package dev.sourced.maven.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.project.MavenProject;

/**
 * The class path of a JVM that runs an application's tooling (the local cloud, CDK synthesis): the compiled classes,
 * every dependency the project resolved (all scopes: an application that declares sourced-local or sourced-cdk, in
 * test scope, gets its own versions), then what the plugin brings for the rest ({@code sourced-local},
 * {@code sourced-cdk} and their dependencies), each artifact once.
 */
public final class AppClassPath {
  private AppClassPath() {}

  /**
   * @param project the project, with its dependencies resolved
   * @param pluginArtifacts the plugin's own dependencies ({@code ${plugin.artifacts}})
   * @return the class path, the project's entries first
   */
  public static List<Path> of(MavenProject project, List<Artifact> pluginArtifacts) {
    List<Path> path = new ArrayList<>();
    path.add(Path.of(project.getBuild().getOutputDirectory()));
    Set<String> present = new HashSet<>();
    for (Artifact artifact : project.getArtifacts()) {
      if (artifact.getFile() != null && artifact.getArtifactHandler().isAddedToClasspath()) {
        path.add(artifact.getFile().toPath());
        present.add(key(artifact));
      }
    }
    for (Artifact artifact : pluginArtifacts) {
      if (artifact.getFile() != null && !"sourced-maven-plugin".equals(artifact.getArtifactId())
          && artifact.getArtifactHandler().isAddedToClasspath() && present.add(key(artifact))) {
        path.add(artifact.getFile().toPath());
      }
    }
    return path;
  }

  private static String key(Artifact artifact) {
    return artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getType()
        + (artifact.getClassifier() == null ? "" : ":" + artifact.getClassifier());
  }
}
