package dev.sourced.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Compiles test sources with the Sourced processor, as a user's build would. */
final class Compile {
  static final String HEADER =
      "import dev.sourced.annotations.*;\n"
          + "import dev.sourced.api.*;\n"
          + "import java.util.*;\n";

  private Compile() {}

  /**
   * @param qualifiedName e.g. {@code test.Cart}
   * @param body the source after the package and imports
   * @return a source file
   */
  static JavaFileObject source(String qualifiedName, String body) {
    String pkg = qualifiedName.substring(0, qualifiedName.lastIndexOf('.'));
    return JavaFileObjects.forSourceString(qualifiedName, "package " + pkg + ";\n" + HEADER + body);
  }

  static Compilation compile(List<JavaFileObject> sources) {
    return compile(sources, new SourcedProcessor());
  }

  /**
   * Compiles as if sourced-runtime were on the class path, without it: the code that runs on the runtime
   * is written to {@code runtimeCode} as text instead of being compiled.
   */
  static Compilation compile(List<JavaFileObject> sources, MemoryOutput runtimeCode) {
    return compile(sources, new SourcedProcessor(runtimeCode));
  }

  /** Compiles with exactly these processor options: none names the app unless one is given. */
  static Compilation compileWithOptions(List<JavaFileObject> sources, String... options) {
    List<String> all = new ArrayList<>(List.of(options));
    all.add("-Xlint:-processing");
    return javac().withProcessors(new SourcedProcessor()).withOptions(all).compile(sources);
  }

  private static Compilation compile(List<JavaFileObject> sources, SourcedProcessor processor) {
    return javac()
        .withProcessors(processor)
        .withOptions("-Asourced.app=test-app", "-Xlint:-processing")
        .compile(sources);
  }
}
