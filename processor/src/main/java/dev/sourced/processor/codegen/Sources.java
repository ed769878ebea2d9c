package dev.sourced.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;

/** Conventions every generated Java file follows. */
final class Sources {
  static final String PROCESSOR = "dev.sourced.processor.SourcedProcessor";
  static final AnnotationSpec GENERATED =
      AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
          .addMember("value", "$S", PROCESSOR)
          .build();
  static final String SPI = "dev.sourced.spi";
  static final String API = "dev.sourced.api";

  private Sources() {}

  static JavaFile file(String packageName, TypeSpec type) {
    return JavaFile.builder(packageName, type).skipJavaLangImports(true).indent("  ").build();
  }
}
