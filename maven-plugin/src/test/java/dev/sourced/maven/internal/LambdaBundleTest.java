package dev.sourced.maven.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaBundleTest {
  @TempDir
  Path dir;

  @Test
  void bundle_mergesServices_leavesOutCdkClassesAndSignatures_andIsReproducible() throws IOException {
    Path classes = dir.resolve("classes");
    write(classes.resolve("app/Handler.class"), "class file naming dev/sourced/runtime/lambda/CommandApi");
    write(classes.resolve("app/cdk/AppStack.class"), "class file naming software/amazon/awscdk/Stack");
    write(classes.resolve("META-INF/services/dev.sourced.spi.SourcedApplication"), "app.SourcedApp\n");
    Path library = jar(dir.resolve("lib.jar"), true, "lib/Thing.class", "library",
        "META-INF/services/dev.sourced.spi.SourcedApplication", "# a comment\nlib.OtherApp\napp.SourcedApp\n",
        "META-INF/LIB.SF", "signature", "module-info.class", "module", "app/Handler.class", "a second copy");

    LambdaBundle.Written first = LambdaBundle.write(classes, List.of(library), dir.resolve("one-lambda.jar"));
    LambdaBundle.write(classes, List.of(library), dir.resolve("two-lambda.jar"));

    assertThat(first.leftOut()).containsExactly("app.cdk.AppStack");
    try (JarFile jar = new JarFile(dir.resolve("one-lambda.jar").toFile())) {
      List<String> names = new ArrayList<>();
      jar.stream().forEach(e -> names.add(e.getName()));
      assertThat(names).contains("app/Handler.class", "lib/Thing.class", "META-INF/MANIFEST.MF")
          .doesNotContain("app/cdk/AppStack.class", "META-INF/LIB.SF", "module-info.class");
      assertThat(read(jar, "META-INF/services/dev.sourced.spi.SourcedApplication")).isEqualTo("app.SourcedApp\nlib.OtherApp\n");
      assertThat(read(jar, "app/Handler.class")).startsWith("class file naming"); // the application's copy wins
      assertThat(jar.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
    }
    assertThat(Files.readAllBytes(dir.resolve("two-lambda.jar"))).isEqualTo(Files.readAllBytes(dir.resolve("one-lambda.jar")));
    assertThat(first.bytes()).isEqualTo(Files.size(dir.resolve("one-lambda.jar")));
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static Path jar(Path file, boolean multiRelease, String... namesAndContents) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
    if (multiRelease) {
      manifest.getMainAttributes().putValue("Multi-Release", "true");
    }
    try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        jar.putNextEntry(new JarEntry(namesAndContents[i]));
        jar.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
      }
    }
    return file;
  }

  private static String read(JarFile jar, String name) throws IOException {
    return new String(jar.getInputStream(jar.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
  }
}
