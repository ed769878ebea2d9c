package dev.sourced.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import dev.sourced.deployment.HandlerNames;
import dev.sourced.processor.codegen.AggregateWriter;
import dev.sourced.processor.codegen.AppModelWriter;
import dev.sourced.processor.codegen.CodecWriter;
import dev.sourced.processor.codegen.GeneratedNames;
import dev.sourced.processor.codegen.LambdaWriter;
import dev.sourced.processor.codegen.OpenApiWriter;
import dev.sourced.processor.codegen.Output;
import dev.sourced.processor.codegen.PackageHolders;
import dev.sourced.processor.codegen.ProcessManagerWriter;
import dev.sourced.processor.codegen.ProjectionWriter;
import dev.sourced.processor.codegen.QueryWriter;
import dev.sourced.processor.codegen.RegistryWriter;
import dev.sourced.processor.codegen.UpcasterWriter;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.ProcessManagerModel;
import dev.sourced.processor.model.ProjectionModel;
import dev.sourced.processor.model.QueryHandlerMethod;
import dev.sourced.processor.model.Sources;
import dev.sourced.processor.model.UpcasterMethod;
import dev.sourced.processor.reading.Annotations;
import dev.sourced.processor.reading.ModelReader;
import dev.sourced.processor.validation.ModelValidator;
import dev.sourced.processor.validation.ProcessStepCalls;
import dev.sourced.processor.validation.Report;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Turns annotated domain code into validated, generated wiring: dispatchers, the {@code SourcedApp}
 * registry, {@code META-INF/sourced/app-model.json} and {@code META-INF/sourced/openapi.json}.
 *
 * <p>Options: {@code -Asourced.app=<name>} sets the application's kebab-case name, which is required
 * ({@code [MissingAppName]}): it names the EventBridge source and every AWS resource, so it is never derived from
 * package names, which move;
 * {@code -Asourced.timings} prints the time each step took (reading, validation, each writer) as a NOTE.
 *
 * <p>The whole application is read in the first round that carries Sourced annotations; the artifacts it
 * writes aggregate many classes, so the processor is AGGREGATING for Gradle's incremental compilation.
 * When any error is reported nothing is generated, so a mistake is never followed by a cascade of
 * "cannot find symbol" errors about code that was not written.
 */
@AutoService(Processor.class)
public final class SourcedProcessor extends AbstractProcessor {
  public static final String APP_OPTION = "sourced.app";
  /** When present, the processor prints the time each of its steps took as a NOTE. */
  public static final String TIMINGS_OPTION = "sourced.timings";
  /** A runtime class: when it is on the class path, runtime-dependent code is generated. */
  static final String RUNTIME_MARKER = "dev.sourced.runtime.json.JsonCodecs";

  private final Output runtimeOutput;
  private boolean done;

  public SourcedProcessor() {
    this(null);
  }

  /**
   * For the processor's own tests, which run without sourced-runtime: writes what runs on the runtime
   * (codecs, Lambda entry points) to {@code runtimeOutput} instead of the Filer, as if the runtime were
   * on the class path, so goldens cover it without compiling it against the runtime.
   *
   * @param runtimeOutput where runtime-dependent code goes, or null to write it only when the runtime
   *     is on the class path
   */
  SourcedProcessor(Output runtimeOutput) {
    this.runtimeOutput = runtimeOutput;
  }

  /**
   * Every round, not only those with Sourced annotations: javac counts a processor's options as recognized only when
   * it took part, so a build that passes {@code -Asourced.app} to every compilation (the natural pom) would otherwise
   * warn "options were not recognized by any processor" when compiling tests. Nothing is claimed, and rounds without
   * a Sourced annotation are skipped in {@link #process}.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(APP_OPTION, TIMINGS_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (done || round.processingOver()
        || annotations.stream().noneMatch(a -> Annotations.ALL.contains(a.getQualifiedName().toString()))) {
      return false;
    }
    done = true;
    Timings timings = new Timings();
    try {
      run(round, timings);
      if (processingEnv.getOptions().containsKey(TIMINGS_OPTION)) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE, timings.note());
      }
    } catch (RuntimeException | Error e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "Sourced processor failed unexpectedly; please report this with the trace:\n" + trace);
    }
    return false;
  }

  private void run(RoundEnvironment round, Timings timings) {
    String appOption = processingEnv.getOptions().get(APP_OPTION);
    Sources sources = new Sources();
    ModelReader.Result read = timings.time("reading", () -> new ModelReader(processingEnv, sources).read(round, appOption));
    List<Report> reports = new ArrayList<>(read.reports());
    reports.addAll(timings.time("validation", () -> new ModelValidator(sources).validate(read.model(), read.omissions())));
    reports.forEach(this::print);
    if (reports.stream().anyMatch(Report::isError)) {
      return;
    }
    // checked once javac has attributed the method bodies, after this round
    ProcessStepCalls.install(processingEnv, read.model().processManagers());
    boolean runtime = runtimeOutput != null || isOnClassPath(RUNTIME_MARKER);
    try (FilerOutput filer = new FilerOutput(processingEnv.getFiler(), processingEnv.getElementUtils())) {
      write(read.model(), runtime, filer, runtimeOutput != null ? runtimeOutput : filer, timings);
      timings.time("sources written", filer::finish);
    }
  }

  private boolean isOnClassPath(String className) {
    return processingEnv.getElementUtils().getTypeElement(className) != null;
  }

  private void print(Report report) {
    processingEnv.getMessager().printMessage(report.diagnostic().kind(), report.message(), report.element(),
        report.annotation(), report.value());
  }

  /**
   * @param runtime whether sourced-runtime is on the class path: then the JSON codecs and Lambda entry
   *     points, which run on it, are generated too
   * @param runtimeOutput where the code that runs on the runtime goes
   */
  private static void write(AppModel model, boolean runtime, Output output, Output runtimeOutput, Timings timings) {
    writeDispatchers(model, output, timings);
    timings.time("registry", () -> new RegistryWriter().write(model, output));
    timings.time("app-model", () -> new AppModelWriter().write(model, runtime, output));
    timings.time("openapi", () -> new OpenApiWriter().write(model, output));
    if (runtime) {
      writeRuntimeCode(model, runtimeOutput, timings);
    }
  }

  private static void writeDispatchers(AppModel model, Output files, Timings timings) {
    // dispatchers are nested in one SourcedDispatchers per package (see GeneratedNames); upcaster bridges are few
    PackageHolders output = new PackageHolders(files, GeneratedNames.DISPATCHERS,
        "The dispatchers of this package's Sourced classes: they call their handlers without reflection. Generated; the\n"
            + "registry ({@code SourcedApp}) refers to them.");
    AggregateWriter aggregates = new AggregateWriter();
    timings.time("aggregates", () -> model.aggregates().forEach(aggregate -> aggregates.write(aggregate, output)));
    ProjectionWriter projections = new ProjectionWriter();
    timings.time("projections", () -> model.projections().forEach(projection -> projections.write(projection, output)));
    ProcessManagerWriter processManagers = new ProcessManagerWriter();
    timings.time("process managers", () ->
        model.processManagers().forEach(processManager -> processManagers.write(processManager, output)));
    QueryWriter queries = new QueryWriter();
    timings.time("queries", () ->
        byOwner(model.queries(), QueryHandlerMethod::owner, Comparator.comparing(q -> q.query().canonicalName()))
            .forEach((owner, handlers) -> queries.write(owner, handlers, output)));
    timings.time("dispatcher files", output::flush);
    UpcasterWriter upcasters = new UpcasterWriter();
    timings.time("upcasters", () ->
        byOwner(model.upcasters(), UpcasterMethod::owner, Comparator.comparing(u -> u.from().canonicalName()))
            .forEach((owner, methods) -> upcasters.write(owner, methods, files)));
  }

  private static void writeRuntimeCode(AppModel model, Output files, Timings timings) {
    timings.time("codecs", () -> new CodecWriter().write(model, files));
    // the Lambda entry points are nested in one SourcedLambdas per package (see HandlerNames)
    PackageHolders output = new PackageHolders(files, HandlerNames.HOLDER,
        "The AWS Lambda entry points of this package's Sourced classes, which the deployment names as handlers\n"
            + "({@code <package>.SourcedLambdas$<name>::handleRequest}). Generated.");
    LambdaWriter lambdas = new LambdaWriter();
    timings.time("lambdas", () -> {
      for (AggregateModel aggregate : model.aggregates()) {
        lambdas.writeCommands(model, aggregate, output);
      }
      for (ProjectionModel projection : model.projections()) {
        lambdas.writeProjection(model, projection, output);
        if (AppModelWriter.answersQueries(model, projection)) {
          lambdas.writeQueries(model, projection, output);
        }
      }
      for (ProcessManagerModel processManager : model.processManagers()) {
        lambdas.writeProcessManager(model, processManager, output);
      }
    });
    timings.time("lambda files", output::flush);
  }

  /** @return the methods grouped by declaring class, classes and each group sorted */
  private static <T> Map<ClassName, List<T>> byOwner(List<T> methods, Function<T, ClassName> owner,
      Comparator<T> order) {
    Map<ClassName, List<T>> grouped = new TreeMap<>(Comparator.comparing(ClassName::canonicalName));
    methods.forEach(m -> grouped.computeIfAbsent(owner.apply(m), k -> new ArrayList<>()).add(m));
    grouped.values().forEach(group -> group.sort(order));
    return grouped;
  }

  /**
   * Writes through the {@link Filer}, naming each file's originating elements. Java sources are rendered to text on a
   * second thread while the writers go on building the next ones (javac runs the processor on one thread, so a core is
   * otherwise idle). Rendering reads only JavaPoet's specs, never javac's model, which stays on the processor's thread, as
   * do the {@link Filer} calls ({@link #finish}); this holds because writers give {@code $L} only strings, numbers,
   * booleans and code blocks (see {@link Output}), never an element, type mirror or name of javac's.
   */
  private static final class FilerOutput implements Output, AutoCloseable {
    private final Filer filer;
    private final javax.lang.model.util.Elements elements;
    private final ExecutorService renderer = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "sourced-processor-render");
      thread.setDaemon(true);
      return thread;
    });
    private final List<Rendering> renderings = new ArrayList<>();

    /** A source being rendered: its name, the elements it was derived from, and its text to come. */
    private record Rendering(String name, Element[] originating, Future<String> text) {}

    FilerOutput(Filer filer, javax.lang.model.util.Elements elements) {
      this.filer = filer;
      this.elements = elements;
    }

    @Override
    public void java(JavaFile file, List<ClassName> originating) {
      JavaFile rendered = JavaFile.builder(file.packageName(), file.typeSpec()).skipJavaLangImports(true).indent("  ").build();
      String name = file.packageName().isEmpty() ? file.typeSpec().name() : file.packageName() + "." + file.typeSpec().name();
      List<Element> origins = new ArrayList<>(file.typeSpec().originatingElements());
      origins.addAll(elementsOf(originating));
      renderings.add(new Rendering(name, origins.toArray(new Element[0]), renderer.submit(rendered::toString)));
    }

    /** Writes every source rendered so far through the {@link Filer}, in the order the writers gave them. */
    void finish() {
      for (Rendering rendering : renderings) {
        String text;
        try {
          text = rendering.text().get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while rendering " + rendering.name(), e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("could not render " + rendering.name(), e.getCause());
        }
        JavaFileObject source = null;
        try {
          source = filer.createSourceFile(rendering.name(), rendering.originating());
          try (Writer writer = source.openWriter()) { // in the compilation's -encoding, which javac reads it with
            writer.write(text);
          }
        } catch (IOException e) {
          if (source != null) {
            source.delete(); // no half-written source left for javac to compile
          }
          throw new IllegalStateException("could not write " + rendering.name(), e);
        }
      }
      renderings.clear();
    }

    @Override
    public void close() {
      renderer.shutdownNow();
    }

    @Override
    public void resource(String path, String content, List<ClassName> originating) {
      try {
        FileObject resource = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path,
            elementsOf(originating).toArray(new Element[0]));
        try (OutputStream out = resource.openOutputStream()) {
          out.write(content.getBytes(StandardCharsets.UTF_8));
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
