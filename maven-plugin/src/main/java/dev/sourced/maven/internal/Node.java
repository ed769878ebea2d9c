package dev.sourced.maven.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Node.js that the AWS CDK's Java library runs its JavaScript on at synth time (through jsii): {@code node} on the
 * PATH, or the program {@code JSII_NODE} names.
 */
public final class Node {
  /** The Node.js lines the AWS CDK supports (its library warns on others, and stops working on them in time). */
  static final int[] SUPPORTED = {22, 24};
  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");

  private Node() {}

  /**
   * @param warn where a warning about an unsupported version goes
   * @return the version found, e.g. {@code v22.23.5}
   * @throws SetupException when there is no Node.js to run
   */
  public static String require(Consumer<String> warn) throws SetupException {
    String program = System.getenv().getOrDefault("JSII_NODE", "node");
    String version;
    try {
      Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
      version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new SetupException(missing(program, "`" + program + " --version` failed: " + version));
      }
    } catch (IOException e) {
      throw new SetupException(missing(program, "`" + program + "` was not found on the PATH"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SetupException("interrupted while asking Node.js for its version");
    }
    String unsupported = unsupported(version);
    if (unsupported != null) {
      warn.accept(unsupported);
    }
    return version;
  }

  private static String missing(String program, String why) {
    return "No Node.js to synthesize the CDK stack with (" + why + "): the AWS CDK's Java library runs on Node.js."
        + " Install Node.js 22 or 24 (nodejs.org, or `nvm install 22`; see docs/getting-started.md), or skip synthesis"
        + " with -Dsourced.synth.skip." + ("node".equals(program) ? "" : " JSII_NODE names " + program + ".");
  }

  /** @return a warning for a version the CDK does not support, or null */
  static String unsupported(String version) {
    Matcher m = VERSION.matcher(version);
    if (!m.find()) {
      return "Node.js answered '" + version + "' to --version; the AWS CDK supports Node.js 22 and 24.";
    }
    int major = Integer.parseInt(m.group(1));
    for (int supported : SUPPORTED) {
      if (major == supported) {
        return null;
      }
    }
    return "Node.js " + version + " is not one the AWS CDK supports (22 and 24)" + (major < SUPPORTED[0]
        ? ", and past its end of life: synthesis goes on, but install Node.js 22 or 24 (see docs/getting-started.md)."
        : ": synthesis goes on; if it fails, use Node.js 22 or 24.");
  }
}
