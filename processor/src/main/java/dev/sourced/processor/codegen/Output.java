package dev.sourced.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import java.util.List;

/**
 * Where writers put what they generate; every file names the user classes it was derived from. Java files may be rendered
 * on another thread than javac's, so a writer's {@code $L} arguments are only strings, numbers, booleans and code blocks,
 * never javac's elements, type mirrors or names (JavaPoet keeps {@code $L} arguments as given and reads them when it
 * renders).
 */
public interface Output {

  /**
   * @param file a Java source
   * @param originating the user classes it serves
   */
  void java(JavaFile file, List<ClassName> originating);

  /**
   * @param path a path under the class output, e.g. {@code META-INF/sourced/app-model.json}
   * @param content its text (UTF-8)
   * @param originating the user classes it serves
   */
  void resource(String path, String content, List<ClassName> originating);
}
