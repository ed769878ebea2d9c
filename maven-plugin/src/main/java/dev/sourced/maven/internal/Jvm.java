package dev.sourced.maven.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JVM of its own for a main class, on the JDK that runs Maven: its own heap and class path, no Maven classes, and
 * when it ends, everything it started (DynamoDB Local, the CDK's Node.js process) ends with it.
 *
 * @param mainClass the class to run
 * @param classPath its class path, written to an argument file (no command-line length limit)
 * @param jvmOptions options such as {@code -Xmx512m}
 * @param systemProperties {@code -D} settings
 * @param arguments the main method's arguments
 */
public record Jvm(String mainClass, List<Path> classPath, List<String> jvmOptions, Map<String, String> systemProperties,
    List<String> arguments) {

  /**
   * @param argumentFile where to write the class path ({@code java @file})
   * @return the running process, its output and error on this process's
   */
  public Process start(Path argumentFile) throws IOException {
    Files.createDirectories(argumentFile.getParent());
    String path = classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    Files.writeString(argumentFile, "-cp\n\"" + path.replace("\\", "\\\\") + "\"\n");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
    command.add("@" + argumentFile);
    command.add(mainClass);
    command.addAll(arguments);
    return new ProcessBuilder(command).inheritIO().start();
  }

  /** @return the options given as one string, e.g. {@code "-Xmx512m -Dx=y"}, split at spaces */
  public static List<String> options(String options) {
    return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
  }
}
