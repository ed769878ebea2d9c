package dev.sourced.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.sourced.processor.Compile.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A creation command that claims unique values, an event that moves one and an event that releases it: what the
 * registry, the app model and the OpenAPI document say about them. (The library fixture of {@link GeneratedCodeTest}
 * declares none, so its goldens show that applications without unique values are generated as before.)
 */
class UniqueValuesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Map<String, String> generated;

  static final List<JavaFileObject> MEMBERS = List.of(
      source("test.Register", "public record Register(@AggregateId String id, @Unique(\"email\") String email,\n"
          + "    @Unique(\"login\") String login, String name) {}"),
      source("test.ChangeEmail", "public record ChangeEmail(@AggregateId String id, String email) {}"),
      source("test.Leave", "public record Leave(@AggregateId String id) {}"),
      source("test.Registered", "public record Registered(String id, String email, String name) {}"),
      source("test.EmailChanged", "public record EmailChanged(String id, @Unique(\"email\") String email) {}"),
      source("test.Left", "@ReleasesUnique({\"login\", \"email\"})\npublic record Left(String id) {}"),
      source("test.Member", "@Aggregate\npublic class Member {\n"
          + "  @CommandHandler static Registered register(Register c) { return new Registered(c.id(), c.email(), c.name()); }\n"
          + "  @CommandHandler EmailChanged change(ChangeEmail c) { return new EmailChanged(c.id(), c.email()); }\n"
          + "  @CommandHandler Left leave(Leave c) { return new Left(c.id()); }\n"
          + "  @EventSourcingHandler void on(Registered e) {}\n"
          + "  @EventSourcingHandler void on(EmailChanged e) {}\n"
          + "  @EventSourcingHandler void on(Left e) {}\n"
          + "}"));

  @BeforeAll
  static void compile() {
    MemoryOutput runtimeCode = new MemoryOutput();
    Compilation compilation = Compile.compile(MEMBERS, runtimeCode);
    assertThat(compilation).succeededWithoutWarnings();
    generated = GeneratedCodeTest.contents(compilation, runtimeCode);
  }

  @Test
  void theRegistry_definesClaimsMovesAndReleases_readingEachComponentWithoutReflection() {
    String registry = generated.get("test/SourcedApp.java");
    assertThat(registry).contains("new CommandDefinition(\"register\", Register.class, true, \"id\","
        + " new CommandDefinition.Route(\"POST\", \"/member/{id}/register\", strings(\"id\")), strings(),"
        + " uniques(new UniqueValue(\"email\", \"email\", r -> ((Register) r).email()),"
        + " new UniqueValue(\"login\", \"login\", r -> ((Register) r).login())))");
    assertThat(registry).contains("new CommandDefinition(\"change-email\", ChangeEmail.class, false, \"id\","
        + " new CommandDefinition.Route(\"POST\", \"/member/{id}/change-email\", strings(\"id\")))");
    assertThat(registry).contains("case 0: return new EventDefinition(\"EmailChanged\", 1, EmailChanged.class, null,"
        + " strings(\"member\"), new Events0(0), uniques(new UniqueValue(\"email\", \"email\", r -> ((EmailChanged) r).email())),"
        + " strings());");
    assertThat(registry).contains("case 1: return new EventDefinition(\"Left\", 1, Left.class, null, strings(\"member\"),"
        + " new Events0(1), uniques(), strings(\"email\", \"login\"));");
    assertThat(registry).contains("case 2: return new EventDefinition(\"Registered\", 1, Registered.class, null,"
        + " strings(\"member\"), new Events0(2));");
    assertThat(registry).contains("private static List<UniqueValue> uniques(UniqueValue... values)");
    assertThat(registry).doesNotContain("java.lang.reflect");
  }

  @Test
  void theAppModel_listsClaimsMovesAndReleases_andTheCommandsMayDeleteReservations() throws IOException {
    JsonNode model = JSON.readTree(generated.get("META-INF/sourced/app-model.json"));
    JsonNode commands = model.get("aggregates").get(0).get("commands");
    assertThat(commands.get(2).get("name").asText()).isEqualTo("register");
    assertThat(commands.get(2).get("unique").toString())
        .isEqualTo("[{\"scope\":\"email\",\"component\":\"email\"},{\"scope\":\"login\",\"component\":\"login\"}]");
    assertThat(commands.get(0).get("unique").toString()).isEqualTo("[]");
    JsonNode events = model.get("events");
    assertThat(events.get(0).get("name").asText()).isEqualTo("EmailChanged");
    assertThat(events.get(0).get("uniqueMoves").toString()).isEqualTo("[{\"scope\":\"email\",\"component\":\"email\"}]");
    assertThat(events.get(1).get("uniqueReleases").toString()).isEqualTo("[\"email\",\"login\"]");

    JsonNode function = model.get("deployment").get("functions").get(0);
    assertThat(function.get("name").asText()).isEqualTo("member-commands");
    assertThat(function.get("grants").toString()).contains("{\"sid\":\"ReleaseUniqueValues\",\"actions\":[\"dynamodb:DeleteItem\"],"
        + "\"resource\":\"table:test-app-events\",\"leadingKeys\":[\"member#*\",\"idempotency#member#*\",\"unique#member#*\","
        + "\"unique-owner#member#*\"]}");
  }

  @Test
  void theOpenApiDocument_namesTheConflictOfATakenValue() throws IOException {
    JsonNode paths = JSON.readTree(generated.get("META-INF/sourced/openapi.json")).get("paths");
    assertThat(paths.get("/member/{id}/register").get("post").get("responses").get("409").get("description").asText())
        .isEqualTo("It exists already (code stream-exists); or another member holds the value of email, login"
            + " (code unique-value-taken)");
    assertThat(paths.get("/member/{id}/change-email").get("post").get("responses").get("409").get("description").asText())
        .isEqualTo("Concurrent change; retry; or another member holds the value of email (code unique-value-taken)");
    assertThat(paths.get("/member/{id}/leave").get("post").get("responses").get("409").get("description").asText())
        .isEqualTo("Concurrent change; retry");
  }
}
