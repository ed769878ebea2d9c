package dev.sourced.local.stepfunctions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Installs an npm package into a folder of its own with the system's {@code npm}, all or nothing: npm installs into
 * a temporary folder beside it, which is then renamed into place in one step. Two JVMs installing at once each
 * install into their own temporary folder; the first rename wins, the other drops its copy. A folder that exists
 * is therefore complete, and is used without npm or network.
 */
final class NpmInstaller {
  /** How long npm may take; a first download of Node.js and the SDK is ~100 MB. */
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  /** A temporary folder older than this was left by a JVM that died while installing. */
  private static final Duration ABANDONED = Duration.ofHours(1);

  private final List<String> npm;
  private final Map<String, String> environment;
  private final Consumer<String> log;

  /**
   * @param npm the npm command, e.g. {@code [npm]}
   * @param environment variables added to npm's, e.g. {@code npm_config_registry}
   * @param log told what is installed and how long it took
   */
  NpmInstaller(List<String> npm, Map<String, String> environment, Consumer<String> log) {
    this.npm = List.copyOf(npm);
    this.environment = Map.copyOf(environment);
    this.log = log;
  }

  /** @return the system's npm: {@code npm}, or {@code npm.cmd} on Windows */
  static List<String> systemNpm() {
    return List.of(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm");
  }

  /**
   * @param home the folder holding the installed packages' folders
   * @param folder the package's folder in it, e.g. {@code aws-local-stepfunctions-3.0.0}
   * @param spec what npm installs, e.g. {@code aws-local-stepfunctions@3.0.0}
   * @param probe a file that exists in a complete install, relative to the folder
   * @return the installed folder (with {@code node_modules} in it)
   * @throws ProvisioningException when npm is missing or cannot install the package
   */
  Path install(Path home, String folder, String spec, String probe) {
    Path installed = home.resolve(folder);
    if (Files.exists(installed.resolve(probe))) {
      return installed;
    }
    try {
      Files.createDirectories(home);
      removeAbandoned(home, folder);
      Path temporary = Files.createTempDirectory(home, folder + ".installing-");
      try {
        Instant started = Instant.now();
        log.accept("installing " + spec + " into " + installed + " with npm (once)");
        runNpm(temporary, spec, home);
        if (!Files.exists(temporary.resolve(probe))) {
          throw new ProvisioningException("npm installed " + spec + " but " + probe + " is not in it: the package's layout changed;"
              + " pin the version Sourced names (" + spec + ")");
        }
        moveIntoPlace(temporary, installed, probe);
        log.accept("installed " + spec + " in " + Duration.between(started, Instant.now()).toMillis() + " ms");
        return installed;
      } finally {
        deleteRecursively(temporary);
      }
    } catch (IOException e) {
      throw new ProvisioningException("could not install " + spec + " into " + installed + " (" + e + "): make the folder writable,"
          + " or set -D" + NodeRuntime.HOME_PROPERTY + " to a writable folder", e);
    }
  }

  private static void moveIntoPlace(Path temporary, Path installed, String probe) throws IOException {
    try {
      Files.move(temporary, installed, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // another JVM renamed its complete copy into place first: use that one (the JDK reports the occupied target
      // as a plain FileSystemException "Directory not empty" on Linux, not as DirectoryNotEmptyException)
      if (!Files.exists(installed.resolve(probe))) {
        throw e;
      }
    }
  }

  private void runNpm(Path prefix, String spec, Path home) throws IOException {
    List<String> command = new ArrayList<>(npm);
    command.addAll(List.of("install", "--prefix", prefix.toString(), "--no-save", "--no-package-lock", "--no-audit",
        "--no-fund", "--ignore-scripts", "--loglevel=error", spec));
    ProcessBuilder builder = new ProcessBuilder(command).directory(prefix.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ProvisioningException("npm is needed once to install " + spec + " but `" + String.join(" ", npm)
          + "` could not be run (" + e.getMessage() + "): install Node.js (which brings npm) and put it on the PATH,"
          + " or copy an installed " + home + " from another machine (see docs/local-cloud.md)", e);
    }
    process.getOutputStream().close();
    byte[] output;
    try {
      output = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new ProvisioningException("npm did not install " + spec + " within " + TIMEOUT.toMinutes()
            + " minutes: check the network and the npm registry (npm config get registry)");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ProvisioningException("interrupted while npm installed " + spec, e);
    }
    if (process.exitValue() != 0) {
      throw new ProvisioningException("npm could not install " + spec + " (exit code " + process.exitValue() + ": "
          + npmError(new String(output, StandardCharsets.UTF_8)) + "): check the network and the npm registry"
          + " (npm config get registry), or copy an installed " + home + " from another machine (see docs/local-cloud.md)");
    }
  }

  /** @return npm's error in one line: its code and the first line saying what happened */
  static String npmError(String output) {
    List<String> errors = output.lines()
        .filter(line -> line.startsWith("npm error") || line.startsWith("npm ERR!"))
        .map(line -> line.replaceFirst("^npm (error|ERR!)\\s*", "").strip())
        .filter(line -> !line.isEmpty() && !line.startsWith("A complete log of this run"))
        .limit(2)
        .toList();
    if (errors.isEmpty()) {
      String last = output.strip().lines().reduce((first, second) -> second).orElse("no output");
      return last.length() > 300 ? last.substring(0, 300) + "…" : last;
    }
    return String.join("; ", errors);
  }

  private static void removeAbandoned(Path home, String folder) throws IOException {
    Instant abandoned = Instant.now().minus(ABANDONED);
    try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(home, folder + ".installing-*")) {
      for (Path temporary : temporaries) {
        if (Files.getLastModifiedTime(temporary).toInstant().isBefore(abandoned)) {
          deleteRecursively(temporary);
        }
      }
    }
  }

  /** Deletes what it can of a folder; what is left (e.g. a file another process holds open) is removed as abandoned later. */
  static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // best effort, see above
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // best effort, see above
    }
  }
}
