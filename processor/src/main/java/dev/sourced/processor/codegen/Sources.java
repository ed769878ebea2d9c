package dev.sourced.processor.codegen;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.TypeSpec;

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
