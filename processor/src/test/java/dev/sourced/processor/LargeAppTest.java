package dev.sourced.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.sourced.processor.corpus.SampleStyleCorpus;
import dev.sourced.spi.SourcedApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * An application far past where one generated method used to hit the JVM's 64 KB limit (the registry's
 * constructor failed with "code too large" at about 186 aggregates), with 50 process managers besides, compiles, generated code included,
 * and every class it compiles to stays well inside the JVM's limits: no method above a quarter of
 * 64 KB, no class above half of the 65,535 constants. The code that runs on sourced-runtime (codecs,
 * Lambda entry points) is generated as text here; the benchmark compiles it against the runtime at
 * 1,000 + 1,000 (docs/benchmarks.md).
 */
class LargeAppTest {
  private static final int AGGREGATES = 250;
  private static final int PROJECTIONS = 250;
  private static final int PROCESS_MANAGERS = 50;

  @Test
  void twoHundredFiftyAggregatesAndProjections_compileWithTheirGeneratedCode_farFromTheJvmLimits() throws Exception {
    List<JavaFileObject> sources = new ArrayList<>();
    SampleStyleCorpus.sources(AGGREGATES, PROJECTIONS, PROCESS_MANAGERS)
        .forEach((name, text) -> sources.add(JavaFileObjects.forSourceString(name, text)));
    MemoryOutput runtimeCode = new MemoryOutput();

    Compilation compilation = Compile.compile(sources, runtimeCode);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("corpus.SourcedApp");
    int classes = 0;
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        ClassFileSizes sizes = ClassFileSizes.of(bytes(file));
        assertWithMessage(file.getName() + " methods " + sizes.codeLengths()).that(sizes.longestMethod()).isLessThan(16 * 1024);
        assertWithMessage(file.getName() + " constants").that(sizes.constants()).isLessThan(32 * 1024);
        classes++;
      }
    }
    // the domain's 2,600 classes, and per aggregate, projection and process manager at least a dispatcher
    assertThat(classes).isGreaterThan(2_600 + AGGREGATES + PROJECTIONS + PROCESS_MANAGERS);
    // the dispatchers and Lambdas of a package are nested in one file each
    assertThat(compilation).generatedSourceFile("corpus.workflows.SourcedDispatchers").contentsAsUtf8String()
        .contains("public static final class Order0050ShippingProcessDispatcher implements");
    // the registry answers every lookup as its lists do, across its chunks
    SourcedApplication app = CompiledRegistry.load(compilation, "corpus.SourcedApp");
    assertThat(app.aggregates()).hasSize(AGGREGATES);
    assertThat(app.events()).hasSize(AGGREGATES * 3);
    assertThat(app.processManagers()).hasSize(PROCESS_MANAGERS);
    app.projections().forEach(p -> assertThat(app.queries(p.name())).hasSize(1));
    CompiledRegistry.assertLookupsAgreeWithLists(app);
    Map<String, String> runtime = runtimeCode.files();
    assertThat(runtime.get("corpus/SourcedAppJson.java")).contains("static final class Codecs1 implements RecordCodec.Records {");
    assertThat(runtime.get("corpus/SourcedAppJson.java")).doesNotContain("Map.ofEntries");
    assertThat(runtime.get("corpus/workflows/SourcedLambdas.java")).contains("public static final class Order0050ShippingProcessLambda implements");
    assertThat(runtime.keySet().stream().filter(name -> name.endsWith(".java")).count())
        .isEqualTo(4); // SourcedAppJson and a SourcedLambdas in each of corpus.domain, corpus.views and corpus.workflows
  }

  private static byte[] bytes(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
