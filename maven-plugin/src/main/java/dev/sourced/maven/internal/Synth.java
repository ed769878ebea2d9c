package dev.sourced.maven.internal;

import dev.sourced.cdk.StackLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code sourced:synth}: the application's CDK app ({@code dev.sourced.cdk.SourcedCdkApp} unless the pom names
 * another) in a JVM of its own, writing the cloud assembly. The CDK's Node.js process ends with that JVM.
 */
public final class Synth {
  private Synth() {}

  /**
   * @param mainClass the CDK app
   * @param app the application's name, or null for the only one
   * @param classPath the class path with sourced-cdk
   * @param target the build folder, where the Lambda bundle is
   * @param output where the cloud assembly goes
   * @param stackLayout how the backend spreads over stacks (system property {@code sourced.stackLayout} of the CDK app)
   * @param jvmOptions the JVM's options
   * @param warn where warnings go
   */
  public static void run(String mainClass, String app, List<Path> classPath, Path target, Path output, StackLayout stackLayout,
      List<String> jvmOptions, Consumer<String> warn) throws SetupException, IOException, InterruptedException {
    GeneratedApp.require(target.resolve("classes"));
    requireBundle(target);
    Node.require(warn);
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("sourced.target", target.toString());
    if (app != null && !app.isBlank()) {
      properties.put("sourced.app", app.trim());
    }
    if (stackLayout != StackLayout.ONE_STACK) {
      properties.put("sourced.stackLayout", stackLayout.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    Jvm jvm = new Jvm(mainClass, classPath, jvmOptions, properties, List.of(output.toString()));
    int status = jvm.start(target.resolve("sourced").resolve("synth.args")).waitFor();
    if (status != 0) {
      throw new SetupException("CDK synthesis failed (exit status " + status + "); the lines above say why.");
    }
  }

  private static void requireBundle(Path target) throws SetupException, IOException {
    try (Stream<Path> files = Files.list(target)) {
      if (files.noneMatch(f -> f.getFileName().toString().endsWith("-lambda.jar"))) {
        throw new SetupException("No Lambda bundle (*-lambda.jar) in " + target + " to deploy: run `mvn package` first, which"
            + " builds it (sourced:bundle) and then synthesizes.");
      }
    }
  }
}
