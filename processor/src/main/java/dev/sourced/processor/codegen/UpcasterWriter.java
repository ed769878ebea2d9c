package dev.sourced.processor.codegen;

import static dev.sourced.processor.codegen.Sources.GENERATED;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.sourced.processor.model.UpcasterMethod;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes one public bridge per class that declares {@code @Upcaster} methods, so the registry (which may
 * live in another package) can call package-private upcasters.
 */
public final class UpcasterWriter {

  public void write(ClassName owner, List<UpcasterMethod> upcasters, Output output) {
    TypeSpec.Builder type = TypeSpec.classBuilder(GeneratedNames.upcasterBridge(owner))
        .addJavadoc("Calls the {@code @Upcaster} methods of {@link $T}.\n", owner)
        .addAnnotation(GENERATED)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (UpcasterMethod upcaster : upcasters) {
      type.addMethod(MethodSpec.methodBuilder(GeneratedNames.upcasterBridgeMethod(upcaster))
          .addJavadoc("Upcasts {@link $T} to {@link $T}.\n", upcaster.from(), upcaster.to())
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .returns(Record.class)
          .addParameter(Record.class, "event")
          .addStatement("return $T.$L(($T) event)", owner, upcaster.method(), upcaster.from())
          .build());
    }
    output.java(Sources.file(owner.packageName(), type.build()), List.of(owner));
  }
}
