package dev.sourced.maven.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the Lambda bundle: one jar with the application's classes and its runtime dependencies, as Lambda's Java
 * runtime loads it. Service files ({@code META-INF/services}) are merged; signatures and {@code module-info} are left
 * out (a merged jar is neither signed nor a module); of two copies of one class the first on the class path wins, as
 * it would at run time. Classes that use the AWS CDK (a stack or CDK app among the application's sources, generated
 * or written) stay out: CDK runs at synth time, never in Lambda. Entries are sorted and carry one fixed time, so the
 * same inputs give the same bytes and the CDK asset's hash only changes when the code does.
 */
public final class LambdaBundle {
  /** Where an application's class points to the CDK, or to Sourced's constructs built on it. */
  private static final List<byte[]> CDK_REFERENCES = Stream.of("software/amazon/awscdk/", "dev/sourced/cdk/", "software/constructs/")
      .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
  private static final Pattern LEFT_OUT = Pattern.compile(
      "META-INF/MANIFEST\\.MF|META-INF/INDEX\\.LIST|META-INF/[^/]+\\.(SF|DSA|RSA|EC)|(META-INF/versions/\\d+/)?module-info\\.class");
  /** 1980-02-01: a zip entry's time, the same for every entry of every bundle. */
  private static final long FIXED_TIME = 318_211_200_000L;

  /**
   * What went into a bundle.
   *
   * @param bytes its size
   * @param entries how many entries it holds
   * @param leftOut the application's classes left out because they use the CDK
   */
  public record Written(long bytes, int entries, List<String> leftOut) {}

  private LambdaBundle() {}

  /**
   * @param classes the application's compiled classes
   * @param dependencies its runtime dependencies' jars, in class path order
   * @param bundle the jar to write
   */
  public static Written write(Path classes, List<Path> dependencies, Path bundle) throws IOException {
    Map<String, byte[]> entries = new TreeMap<>();
    Map<String, Set<String>> services = new TreeMap<>();
    List<String> leftOut = new ArrayList<>();
    boolean multiRelease = false;
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        String name = classes.relativize(file).toString().replace('\\', '/');
        byte[] content = Files.readAllBytes(file);
        if (name.endsWith(".class") && usesCdk(content)) {
          leftOut.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
        } else {
          add(name, content, entries, services);
        }
      }
    }
    for (Path dependency : dependencies) {
      try (JarFile jar = new JarFile(dependency.toFile())) {
        Manifest manifest = jar.getManifest();
        multiRelease |= manifest != null && "true".equalsIgnoreCase(manifest.getMainAttributes().getValue("Multi-Release"));
        for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
          if (!entry.isDirectory() && !entries.containsKey(entry.getName())) {
            try (InputStream in = jar.getInputStream(entry)) {
              add(entry.getName(), in.readAllBytes(), entries, services);
            }
          }
        }
      }
    }
    services.forEach((name, lines) -> entries.put(name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));

    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Created-By", "sourced-maven-plugin");
    if (multiRelease) {
      manifest.getMainAttributes().putValue("Multi-Release", "true");
    }
    Files.createDirectories(bundle.toAbsolutePath().getParent());
    Path partial = bundle.resolveSibling(bundle.getFileName() + ".part");
    try (OutputStream file = Files.newOutputStream(partial); JarOutputStream jar = new JarOutputStream(file)) {
      JarEntry manifestEntry = entry(JarFile.MANIFEST_NAME);
      jar.putNextEntry(manifestEntry);
      manifest.write(jar);
      jar.closeEntry();
      Set<String> folders = new LinkedHashSet<>();
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        for (int slash = e.getKey().indexOf('/'); slash >= 0; slash = e.getKey().indexOf('/', slash + 1)) {
          String folder = e.getKey().substring(0, slash + 1);
          if (!folder.equals("META-INF/") && folders.add(folder)) {
            jar.putNextEntry(entry(folder));
            jar.closeEntry();
          }
        }
        jar.putNextEntry(entry(e.getKey()));
        jar.write(e.getValue());
        jar.closeEntry();
      }
    }
    Files.move(partial, bundle, StandardCopyOption.REPLACE_EXISTING);
    return new Written(Files.size(bundle), entries.size() + 1, List.copyOf(leftOut));
  }

  private static void add(String name, byte[] content, Map<String, byte[]> entries, Map<String, Set<String>> services) {
    if (LEFT_OUT.matcher(name).matches()) {
      return;
    }
    if (name.startsWith("META-INF/services/") && name.indexOf('/', "META-INF/services/".length()) < 0) {
      Set<String> lines = services.computeIfAbsent(name, n -> new LinkedHashSet<>());
      for (String line : new String(content, StandardCharsets.UTF_8).split("\\R")) {
        String provider = line.replaceAll("#.*", "").trim();
        if (!provider.isEmpty()) {
          lines.add(provider);
        }
      }
      return;
    }
    entries.putIfAbsent(name, content);
  }

  private static JarEntry entry(String name) {
    JarEntry entry = new JarEntry(name);
    entry.setTime(FIXED_TIME);
    return entry;
  }

  /** @return whether a class file's constant pool names a CDK type (class names are stored as UTF-8 there) */
  static boolean usesCdk(byte[] classFile) {
    for (byte[] reference : CDK_REFERENCES) {
      if (indexOf(classFile, reference) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
