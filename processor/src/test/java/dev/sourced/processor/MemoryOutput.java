package dev.sourced.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import dev.sourced.processor.codegen.Output;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps what a writer generates as text, by path, instead of handing it to the compiler: for the code
 * that runs on sourced-runtime, which the processor's tests do not have on their class path.
 */
final class MemoryOutput implements Output {
  private final Map<String, String> files = new TreeMap<>();

  @Override
  public void java(JavaFile file, List<ClassName> originating) {
    String path = file.packageName().isEmpty() ? "" : file.packageName().replace('.', '/') + "/";
    files.put(path + file.typeSpec().name() + ".java", file.toString());
  }

  @Override
  public void resource(String path, String content, List<ClassName> originating) {
    files.put(path, content);
  }

  /** @return the files written, by path relative to their output location */
  Map<String, String> files() {
    return files;
  }
}
