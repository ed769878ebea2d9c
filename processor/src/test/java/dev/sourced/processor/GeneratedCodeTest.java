package dev.sourced.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compiles a representative fixture (a library: creation, list-returning, void and internal command handlers, a
 * custom route, an upcaster, fold/start/reactor handlers with metadata and {@code @ViewKey}, static and
 * instance queries, a process manager with an {@code @AssociationKey}, a handler keyed by aggregate id and a
 * rejection handler, enums, Optional, Set, Map, nested records) and compares every generated file with
 * its golden copy under {@code src/test/resources/goldens/}. Run with {@code -Dgoldens.update=true} to
 * rewrite the goldens after an intended change, then review the diff. The code that runs on
 * sourced-runtime (codecs, Lambda entry points) is compared as text: the runtime is not on this
 * module's class path; {@code local} and the sample compile that code against it.
 */
class GeneratedCodeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Compilation compilation;
  private static Map<String, String> generated;

  @BeforeAll
  static void compileFixture() {
    MemoryOutput runtimeCode = new MemoryOutput();
    compilation = Compile.compile(fixture(), runtimeCode);
    assertThat(compilation).succeededWithoutWarnings();
    generated = contents(compilation, runtimeCode);
  }

  @Test
  void generatedFiles_matchGoldens() throws IOException {
    Path goldens = Paths.get(System.getProperty("goldens.dir", "src/test/resources/goldens"));
    if (Boolean.getBoolean("goldens.update")) {
      if (Files.exists(goldens)) {
        try (Stream<Path> old = Files.walk(goldens)) {
          old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      for (Map.Entry<String, String> file : generated.entrySet()) {
        Path target = goldens.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
      }
    }
    Set<String> goldenNames = new TreeSet<>();
    try (Stream<Path> files = Files.walk(goldens)) {
      files.filter(Files::isRegularFile).forEach(p -> goldenNames.add(goldens.relativize(p).toString().replace('\\', '/')));
    }
    assertThat(generated.keySet()).containsExactlyElementsIn(goldenNames);
    for (String name : goldenNames) {
      assertWithMessage(name).that(generated.get(name))
          .isEqualTo(Files.readString(goldens.resolve(name), StandardCharsets.UTF_8));
    }
  }

  @Test
  void twoBuildsOfTheSameSources_areByteIdentical() {
    MemoryOutput runtimeCode = new MemoryOutput();
    Compilation again = Compile.compile(fixture(), runtimeCode);
    assertThat(contents(again, runtimeCode)).isEqualTo(generated);
  }

  @Test
  void generatedFiles_nameTheProcessor_andNoTimestamps() {
    generated.forEach((name, content) -> {
      if (name.endsWith(".java")) {
        assertThat(content).contains("@Generated(\"dev.sourced.processor.SourcedProcessor\")");
        assertThat(content).doesNotContain("date =");
        assertThat(content).doesNotContain("java.lang.reflect");
        assertThat(content).doesNotContain("Class.forName");
      }
    });
  }

  @Test
  void appModel_describesAggregatesEventsProjectionsRoutesAndQueries() throws IOException {
    JsonNode model = JSON.readTree(generated.get("META-INF/sourced/app-model.json"));
    assertThat(model.get("app").asText()).isEqualTo("test-app");
    assertThat(model.get("registry").asText()).isEqualTo("fixture.library.SourcedApp");

    JsonNode book = model.get("aggregates").get(0);
    assertThat(book.get("name").asText()).isEqualTo("book");
    assertThat(book.get("snapshotEvery").asInt()).isEqualTo(100);
    assertThat(texts(book.get("commands"), "name"))
        .containsExactly("lend-book", "note-inspection", "register-book", "return-book", "send-to-repair").inOrder();

    JsonNode returned = find(model.get("events"), "name", "BookReturned", "revision", 2);
    assertThat(returned.get("newest").asBoolean()).isTrue();
    assertThat(returned.get("schema").get("properties").get("fine").get("type").asText()).isEqualTo("number");
    JsonNode returnedV1 = find(model.get("events"), "name", "BookReturned", "revision", 1);
    assertThat(returnedV1.get("upcaster").get("method").asText()).isEqualTo("toRevision2");
    assertThat(returnedV1.get("newest").asBoolean()).isFalse();

    JsonNode loans = find(model.get("projections"), "name", "member-loans", null, 0);
    assertThat(texts(loans.get("consumes"), null)).containsExactly("BookReturned", "library.BookLent").inOrder();
    assertThat(loans.get("handlers").get(0).get("viewKey").asText()).isEqualTo("event.memberId");
    JsonNode notifications = find(model.get("projections"), "name", "notifications", null, 0);
    assertThat(notifications.get("viewType").isNull()).isTrue();
    assertThat(notifications.get("handlers").get(0).get("kind").asText()).isEqualTo("reactor");

    List<String> routes = new ArrayList<>();
    model.get("routes").forEach(r -> routes.add(r.get("method").asText() + " " + r.get("path").asText()));
    assertThat(routes).containsExactly(
        "PUT /books/{isbn}/loan",
        "POST /book/{isbn}/note-inspection",
        "POST /book/{isbn}/register-book",
        "POST /book/{isbn}/return-book",
        "GET /catalog",
        "GET /catalog/{isbn}",
        "GET /members/{memberId}/loans");
  }

  @Test
  void appModel_describesTheProcessManager_andItsDeployment_andTheInternalCommandHasNoRoute() throws IOException {
    JsonNode model = JSON.readTree(generated.get("META-INF/sourced/app-model.json"));
    JsonNode repairs = find(model.get("processManagers"), "name", "repairs", null, 0);
    assertThat(repairs.get("class").asText()).isEqualTo("fixture.library.RepairProcess");
    assertThat(repairs.get("stateType").asText()).isEqualTo("fixture.library.Repair");
    assertThat(texts(repairs.get("consumes"), null)).containsExactly("BookReturned", "BookSentToRepair").inOrder();
    assertThat(texts(repairs.get("handlers"), "associationKey")).containsExactly("event.isbn", "aggregateId").inOrder();
    assertThat(texts(repairs.get("sends"), "command")).containsExactly("send-to-repair");
    assertThat(texts(repairs.get("targets"), null)).containsExactly("book");
    assertThat(texts(repairs.get("rejectionHandlers"), "class")).containsExactly("fixture.library.SendToRepair");

    JsonNode sendToRepair = find(model.get("aggregates").get(0).get("commands"), "name", "send-to-repair", null, 0);
    assertThat(sendToRepair.get("internal").asBoolean()).isTrue();
    assertThat(sendToRepair.get("route").isNull()).isTrue();
    assertThat(generated.get("META-INF/sourced/app-model.json")).doesNotContain("/send-to-repair");
    assertThat(generated.get("META-INF/sourced/openapi.json")).doesNotContain("/send-to-repair");

    JsonNode deployment = model.get("deployment");
    JsonNode function = find(deployment.get("functions"), "name", "repairs-process", null, 0);
    assertThat(function.get("kind").asText()).isEqualTo("process-manager");
    assertThat(function.get("handler").asText()).isEqualTo("fixture.library.SourcedLambdas$RepairProcessLambda");
    assertThat(find(deployment.get("tables"), "name", "test-app-repairs-state", null, 0).get("role").asText())
        .isEqualTo("process-state");
    assertThat(find(deployment.get("queues"), "name", "test-app-repairs", null, 0).get("deadLetterQueue").asText())
        .isEqualTo("test-app-repairs-dlq");
    assertThat(texts(find(deployment.get("rules"), "name", "test-app-repairs", null, 0).get("pattern").get("detail-type"), null))
        .containsExactly("BookReturned", "BookSentToRepair").inOrder();
    assertThat(generated.get("fixture/library/SourcedLambdas.java")).contains("public static final class RepairProcessLambda implements");
  }

  @Test
  void openApi_isValid31_withSchemasForEveryCommandAndQuery_andResolvableRefs() throws IOException {
    JsonNode api = JSON.readTree(generated.get("META-INF/sourced/openapi.json"));
    assertThat(api.get("openapi").asText()).isEqualTo("3.1.0");
    JsonNode schemas = api.get("components").get("schemas");
    for (String name : List.of("RegisterBook", "LendBook", "ReturnBook", "NoteInspection", "FindBook", "ListCatalog",
        "GetLoans", "CatalogEntry", "Loans", "Loan", "Genre", "CommandResult", "Error")) {
      if (!name.equals("Genre")) {
        assertWithMessage(name).that(schemas.has(name)).isTrue();
      }
    }
    // a path-bound component may be left out of the body
    assertThat(texts(schemas.get("LendBook").get("required"), null)).containsExactly("memberId");
    JsonNode lend = api.get("paths").get("/books/{isbn}/loan").get("put");
    assertThat(lend.get("responses").has("200")).isTrue();
    for (String status : List.of("400", "404", "409", "413", "422", "500")) {
      assertWithMessage(status).that(lend.get("responses").has(status)).isTrue();
    }
    JsonNode register = api.get("paths").get("/book/{isbn}/register-book").get("post");
    assertThat(register.get("responses").has("201")).isTrue();
    assertThat(register.get("responses").has("404")).isFalse();
    JsonNode list = api.get("paths").get("/catalog").get("get");
    assertThat(list.get("parameters").get(0).get("in").asText()).isEqualTo("query");
    assertThat(list.get("parameters").get(0).get("required").asBoolean()).isFalse();

    List<String> refs = new ArrayList<>();
    collectRefs(api, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/components/schemas/");
      assertWithMessage(ref).that(schemas.has(ref.substring("#/components/schemas/".length()))).isTrue();
    }
  }

  @Test
  void registry_isListedForServiceLoader() {
    assertThat(generated.get("META-INF/services/dev.sourced.spi.SourcedApplication")).isEqualTo("fixture.library.SourcedApp\n");
  }

  // ------------------------------------------------------------------ helpers

  static List<JavaFileObject> fixture() {
    try {
      Path dir = Paths.get(GeneratedCodeTest.class.getResource("/fixtures/library").toURI());
      List<JavaFileObject> sources = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : (Iterable<Path>) files.sorted()::iterator) {
          String name = "fixture.library." + file.getFileName().toString().replace(".java", "");
          sources.add(JavaFileObjects.forSourceString(name, Files.readString(file)));
        }
      }
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Generated files by path relative to their output location: those the compiler received, and the
   * code that runs on sourced-runtime, kept as text.
   */
  static Map<String, String> contents(Compilation compilation, MemoryOutput runtimeCode) {
    Map<String, String> files = new TreeMap<>(runtimeCode.files());
    for (JavaFileObject file : compilation.generatedFiles()) {
      String name = file.toUri().getPath();
      if (name.endsWith(".class")) {
        continue;
      }
      String relative = name.replaceFirst("^/(SOURCE_OUTPUT|CLASS_OUTPUT)/", "");
      try {
        files.put(relative, file.getCharContent(true).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(field == null ? n.asText() : n.get(field).asText()));
    return texts;
  }

  private static JsonNode find(JsonNode array, String field, String value, String field2, int value2) {
    for (JsonNode node : array) {
      if (node.get(field).asText().equals(value) && (field2 == null || node.get(field2).asInt() == value2)) {
        return node;
      }
    }
    throw new AssertionError("no element with " + field + "=" + value);
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (field.getKey().equals("$ref")) {
          refs.add(field.getValue().asText());
        } else {
          collectRefs(field.getValue(), refs);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, refs));
    }
  }
}
