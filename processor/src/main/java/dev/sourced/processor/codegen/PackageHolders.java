package dev.sourced.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/**
 * An {@link Output} that writes the classes it is given as static nested classes of one holder class per package
 * ({@code SourcedDispatchers}, {@code SourcedLambdas}), each holder once, when {@link #flush()} is called. A writer
 * writes a class as it would write a file of its own; {@link GeneratedNames} names it as nested in the holder, so
 * that references to it agree. Why: javac's {@code Filer} checks each new file against every file created before
 * it in the compilation, which costs the square of the number of files, and every file has a cost of its own to
 * compile; an application of 1,000 aggregates and 1,000 projections would otherwise get 6,000 files.
 */
public final class PackageHolders implements Output {
  private final Output delegate;
  private final String holder;
  private final String description;
  private final Map<String, List<TypeSpec>> types = new TreeMap<>();
  private final Map<String, Set<ClassName>> origins = new TreeMap<>();

  /**
   * @param delegate where the holders are written
   * @param holder the holder's simple name
   * @param description the holder's Javadoc: what its nested classes are
   */
  public PackageHolders(Output delegate, String holder, String description) {
    this.delegate = delegate;
    this.holder = holder;
    this.description = description;
  }

  @Override
  public void java(JavaFile file, List<ClassName> originating) {
    TypeSpec type = file.typeSpec();
    if (type.name().equals(holder)) {
      throw new IllegalArgumentException("a nested class cannot be named as its holder: " + holder);
    }
    List<TypeSpec> inPackage = types.computeIfAbsent(file.packageName(), p -> new ArrayList<>());
    if (inPackage.stream().anyMatch(t -> t.name().equals(type.name()))) {
      // GeneratedNamesRule reports this at the user's classes before anything is written
      throw new IllegalStateException("two generated classes named " + holder + "." + type.name() + " in " + file.packageName());
    }
    inPackage.add(nested(type));
    origins.computeIfAbsent(file.packageName(), p -> new LinkedHashSet<>()).addAll(originating);
  }

  /** @return the class as a static nested class, without its {@code @Generated} (the holder says it) */
  private static TypeSpec nested(TypeSpec type) {
    if (type.kind() != TypeSpec.Kind.CLASS) {
      throw new IllegalArgumentException("only classes are nested in a holder: " + type.name() + " is " + type.kind());
    }
    TypeSpec.Builder nested = TypeSpec.classBuilder(type.name())
        .addJavadoc(type.javadoc())
        .addAnnotations(type.annotations().stream().filter(a -> !a.equals(Sources.GENERATED)).toList())
        .addModifiers(type.modifiers().toArray(new Modifier[0]))
        .addTypeVariables(type.typeVariables())
        .addSuperinterfaces(type.superinterfaces())
        .addFields(type.fieldSpecs())
        .addMethods(type.methodSpecs())
        .addTypes(type.typeSpecs());
    if (!type.modifiers().contains(Modifier.STATIC)) {
      nested.addModifiers(Modifier.STATIC);
    }
    if (!type.superclass().equals(ClassName.OBJECT)) {
      nested.superclass(type.superclass());
    }
    if (!type.staticBlock().isEmpty()) {
      nested.addStaticBlock(type.staticBlock());
    }
    if (!type.initializerBlock().isEmpty()) {
      nested.addInitializerBlock(type.initializerBlock());
    }
    type.originatingElements().forEach(nested::addOriginatingElement);
    return nested.build();
  }

  @Override
  public void resource(String path, String content, List<ClassName> originating) {
    delegate.resource(path, content, originating);
  }

  /** Writes one holder per package that was given classes, its nested classes in the order of their names. */
  public void flush() {
    types.forEach((packageName, nested) -> {
      List<TypeSpec> sorted = new ArrayList<>(nested);
      sorted.sort(Comparator.comparing(TypeSpec::name));
      TypeSpec type = TypeSpec.classBuilder(holder)
          .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
          .addAnnotation(Sources.GENERATED)
          .addJavadoc("$L\n", description)
          .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
          .addTypes(sorted)
          .build();
      delegate.java(Sources.file(packageName, type), new ArrayList<>(origins.get(packageName)));
    });
    types.clear();
    origins.clear();
  }
}
