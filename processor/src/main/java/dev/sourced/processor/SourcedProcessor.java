package dev.sourced.processor;

import com.google.auto.service.AutoService;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.JavaFile;
import dev.sourced.processor.codegen.AggregateWriter;
import dev.sourced.processor.codegen.AppModelWriter;
import dev.sourced.processor.codegen.CodecWriter;
import dev.sourced.processor.codegen.LambdaWriter;
import dev.sourced.processor.codegen.OpenApiWriter;
import dev.sourced.processor.codegen.Output;
import dev.sourced.processor.codegen.ProjectionWriter;
import dev.sourced.processor.codegen.QueryWriter;
import dev.sourced.processor.codegen.RegistryWriter;
import dev.sourced.processor.codegen.UpcasterWriter;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.ModelReader;
import dev.sourced.processor.model.Names;
import dev.sourced.processor.model.ProjectionModel;
import dev.sourced.processor.model.QueryHandlerMethod;
import dev.sourced.processor.model.Sources;
import dev.sourced.processor.model.UpcasterMethod;
import dev.sourced.processor.validation.ModelValidator;
import dev.sourced.processor.validation.Reporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Turns annotated domain code into validated, generated wiring: dispatchers, the {@code SourcedApp}
 * registry, {@code META-INF/sourced/app-model.json} and {@code META-INF/sourced/openapi.json}.
 *
 * <p>Options: {@code -Asourced.app=<name>} sets the application's kebab-case name (default: the last
 * segment of the package that contains every aggregate, projection and query handler).
 *
 * <p>The whole application is read in the first round that carries Sourced annotations; the artifacts it
 * writes aggregate many classes, so the processor is AGGREGATING for Gradle's incremental compilation.
 * When any error is reported nothing is generated, so a mistake is never followed by a cascade of
 * "cannot find symbol" errors about code that was not written.
 */
@AutoService(Processor.class)
public final class SourcedProcessor extends AbstractProcessor {
  public static final String APP_OPTION = "sourced.app";
  /** A runtime class: when it is on the class path, runtime-dependent code is generated. */
  static final String RUNTIME_MARKER = "dev.sourced.runtime.json.JsonCodecs";

  private boolean done;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        ModelReader.AGGREGATE, ModelReader.AGGREGATE_ID, ModelReader.COMMAND_HANDLER,
        ModelReader.EVENT_SOURCING_HANDLER, ModelReader.EVENT, ModelReader.UPCASTER, ModelReader.PROJECTION,
        ModelReader.EVENT_HANDLER, ModelReader.VIEW_KEY, ModelReader.QUERY_HANDLER);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(APP_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (done || annotations.isEmpty() || round.processingOver()) {
      return false;
    }
    done = true;
    try {
      run(round);
    } catch (RuntimeException | Error e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "Sourced processor failed unexpectedly; please report this with the trace:\n" + trace);
    }
    return false;
  }

  private void run(RoundEnvironment round) {
    Reporter reporter = new Reporter(processingEnv.getMessager());
    Sources sources = new Sources();
    String appOption = processingEnv.getOptions().get(APP_OPTION);
    if (appOption != null && !Names.isResourceName(appOption)) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "-A" + APP_OPTION + " must be lower-case kebab case of at most 40 characters; found '" + appOption
              + "'. Use e.g. '" + Names.suggestResourceName(appOption) + "'.");
      return;
    }
    ModelReader reader = new ModelReader(processingEnv, reporter, sources);
    AppModel model = reader.read(round, appOption);
    new ModelValidator(reporter, sources, reader.eventsWithInvalidUpcasters()).validate(model);
    if (reporter.errors() > 0) {
      return;
    }
    boolean runtime = processingEnv.getElementUtils().getTypeElement(RUNTIME_MARKER) != null;
    write(model, runtime, new FilerOutput(processingEnv.getFiler(), processingEnv.getElementUtils()));
  }

  /**
   * @param runtime whether sourced-runtime is on the class path: then the JSON codecs and Lambda entry
   *     points, which run on it, are generated too
   */
  private static void write(AppModel model, boolean runtime, Output output) {
    AggregateWriter aggregates = new AggregateWriter();
    for (AggregateModel aggregate : model.aggregates()) {
      aggregates.write(aggregate, output);
    }
    ProjectionWriter projections = new ProjectionWriter();
    for (ProjectionModel projection : model.projections()) {
      projections.write(projection, output);
    }
    Map<String, List<QueryHandlerMethod>> queriesByOwner = new TreeMap<>();
    Map<String, ClassName> owners = new TreeMap<>();
    for (QueryHandlerMethod query : model.queries()) {
      queriesByOwner.computeIfAbsent(query.owner().canonicalName(), k -> new ArrayList<>()).add(query);
      owners.put(query.owner().canonicalName(), query.owner());
    }
    QueryWriter queries = new QueryWriter();
    queriesByOwner.forEach((owner, handlers) -> {
      handlers.sort(java.util.Comparator.comparing(q -> q.query().canonicalName()));
      queries.write(owners.get(owner), handlers, output);
    });
    Map<String, List<UpcasterMethod>> upcastersByOwner = new TreeMap<>();
    Map<String, ClassName> upcasterOwners = new TreeMap<>();
    for (UpcasterMethod upcaster : model.upcasters()) {
      upcastersByOwner.computeIfAbsent(upcaster.owner().canonicalName(), k -> new ArrayList<>()).add(upcaster);
      upcasterOwners.put(upcaster.owner().canonicalName(), upcaster.owner());
    }
    UpcasterWriter upcasters = new UpcasterWriter();
    upcastersByOwner.forEach((owner, methods) -> upcasters.write(upcasterOwners.get(owner), methods, output));
    new RegistryWriter().write(model, output);
    new AppModelWriter().write(model, runtime, output);
    new OpenApiWriter().write(model, output);
    if (runtime) {
      new CodecWriter().write(model, output);
      LambdaWriter lambdas = new LambdaWriter();
      for (AggregateModel aggregate : model.aggregates()) {
        lambdas.writeCommands(model, aggregate, output);
      }
      for (ProjectionModel projection : model.projections()) {
        lambdas.writeProjection(model, projection, output);
        if (AppModelWriter.answersQueries(model, projection)) {
          lambdas.writeQueries(model, projection, output);
        }
      }
    }
  }

  /** Writes through the {@link Filer}, naming each file's originating elements. */
  private static final class FilerOutput implements Output {
    private final Filer filer;
    private final javax.lang.model.util.Elements elements;

    FilerOutput(Filer filer, javax.lang.model.util.Elements elements) {
      this.filer = filer;
      this.elements = elements;
    }

    @Override
    public void java(JavaFile file, List<ClassName> originating) {
      try {
        JavaFile.builder(file.packageName, withOrigins(file, originating)).skipJavaLangImports(true).indent("  ")
            .build().writeTo(filer);
      } catch (IOException e) {
        throw new IllegalStateException("could not write " + file.packageName + "." + file.typeSpec.name, e);
      }
    }

    private com.squareup.javapoet.TypeSpec withOrigins(JavaFile file, List<ClassName> originating) {
      com.squareup.javapoet.TypeSpec.Builder type = file.typeSpec.toBuilder();
      for (Element element : elementsOf(originating)) {
        type.addOriginatingElement(element);
      }
      return type.build();
    }

    @Override
    public void resource(String path, String content, List<ClassName> originating) {
      try {
        FileObject resource = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path,
            elementsOf(originating).toArray(new Element[0]));
        try (Writer writer = new java.io.OutputStreamWriter(resource.openOutputStream(), StandardCharsets.UTF_8)) {
          writer.write(content);
        }
      } catch (IOException e) {
        throw new IllegalStateException("could not write " + path, e);
      }
    }

    private List<Element> elementsOf(List<ClassName> classes) {
      List<Element> found = new ArrayList<>();
      for (ClassName name : classes) {
        TypeElement element = elements.getTypeElement(name.canonicalName());
        if (element != null) {
          found.add(element);
        }
      }
      return found;
    }
  }
}
