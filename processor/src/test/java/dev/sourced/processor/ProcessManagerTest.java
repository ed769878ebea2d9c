package dev.sourced.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.sourced.processor.Compile.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import dev.sourced.deployment.AppOutline;
import dev.sourced.deployment.Deployment;
import dev.sourced.deployment.DeploymentTree;
import dev.sourced.spi.ProcessManagerDefinition;
import dev.sourced.spi.SourcedApplication;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A small bank whose money transfer is a process manager: it debits one account and credits another through internal
 * commands, refunds when the credit is rejected, and finds its instance by the transfer id the accounts' events carry.
 * Its generated code compiles, its registry describes it at run time as the app model does, and its deployment has the
 * process manager's function, state table, queue, dead-letter queue and rule, and no route for the internal commands.
 */
class ProcessManagerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Compilation compilation;
  private static Map<String, String> generated;

  static List<JavaFileObject> bank() {
    return List.of(
        source("bank.OpenAccount", "public record OpenAccount(@AggregateId String accountId) {}"),
        source("bank.RequestTransfer",
            "public record RequestTransfer(@AggregateId String accountId, String transferId, String to, long amount) {}"),
        source("bank.Debit", "public record Debit(@AggregateId String accountId, String transferId, long amount) {}"),
        source("bank.Credit", "public record Credit(@AggregateId String accountId, String transferId, long amount) {}"),
        source("bank.Refund", "public record Refund(@AggregateId String accountId, String transferId, long amount) {}"),
        source("bank.AccountOpened", "public record AccountOpened(String accountId) {}"),
        source("bank.TransferRequested",
            "public record TransferRequested(String accountId, String transferId, String to, long amount) {}"),
        source("bank.AccountDebited", "public record AccountDebited(String accountId, String transferId, long amount) {}"),
        source("bank.AccountCredited", "public record AccountCredited(String accountId, String transferId, long amount) {}"),
        source("bank.AccountRefunded", "public record AccountRefunded(String accountId, String transferId, long amount) {}"),
        source("bank.Transfer", "public record Transfer(String id, String from, String to, long amount, String status) {}"),
        source("bank.Account", """
            @Aggregate
            public class Account {
              private long balance;
              @CommandHandler static AccountOpened open(OpenAccount c) { return new AccountOpened(c.accountId()); }
              @CommandHandler TransferRequested request(RequestTransfer c) {
                return new TransferRequested(c.accountId(), c.transferId(), c.to(), c.amount());
              }
              @CommandHandler(internal = true) AccountDebited debit(Debit c) {
                if (balance < c.amount()) throw new DomainException("insufficient-funds", "balance too low");
                return new AccountDebited(c.accountId(), c.transferId(), c.amount());
              }
              @CommandHandler(internal = true) AccountCredited credit(Credit c) {
                return new AccountCredited(c.accountId(), c.transferId(), c.amount());
              }
              @CommandHandler(internal = true) AccountRefunded refund(Refund c) {
                return new AccountRefunded(c.accountId(), c.transferId(), c.amount());
              }
              @EventSourcingHandler void on(AccountOpened e) {}
              @EventSourcingHandler void on(TransferRequested e) {}
              @EventSourcingHandler void on(AccountDebited e) { balance -= e.amount(); }
              @EventSourcingHandler void on(AccountCredited e) { balance += e.amount(); }
              @EventSourcingHandler void on(AccountRefunded e) { balance += e.amount(); }
            }
            """),
        source("bank.MoneyTransfer", """
            @ProcessManager(name = "money-transfer", sends = {Debit.class, Credit.class, Refund.class})
            @AssociationKey("transferId")
            public class MoneyTransfer {
              @EventHandler ProcessStep<Transfer> on(TransferRequested e) {
                return ProcessStep.of(new Transfer(e.transferId(), e.accountId(), e.to(), e.amount(), "requested"))
                    .send(new Debit(e.accountId(), e.transferId(), e.amount()));
              }
              @EventHandler ProcessStep<Transfer> on(AccountDebited e, Transfer t) {
                return ProcessStep.of(t).send(new Credit(t.to(), t.id(), t.amount()));
              }
              @EventHandler ProcessStep<Transfer> on(AccountCredited e, Transfer t, EventMetadata metadata) {
                return ProcessStep.end();
              }
              @RejectionHandler ProcessStep<Transfer> on(Credit c, DomainException rejection, Transfer t) {
                return ProcessStep.of(t).send(new Refund(t.from(), t.id(), t.amount()));
              }
            }
            """));
  }

  @BeforeAll
  static void compileBank() {
    MemoryOutput runtimeCode = new MemoryOutput();
    compilation = Compile.compile(bank(), runtimeCode);
    assertThat(compilation).succeededWithoutWarnings();
    generated = GeneratedCodeTest.contents(compilation, runtimeCode);
  }

  @Test
  void processManager_compilesWithItsDispatcher_andTheRegistryDescribesIt() throws Exception {
    assertThat(compilation).generatedSourceFile("bank.SourcedDispatchers").contentsAsUtf8String()
        .contains("public static final class MoneyTransferProcessDispatcher implements");
    SourcedApplication app = registry();

    ProcessManagerDefinition<?> transfer = app.processManagers().get(0);
    assertThat(transfer.name()).isEqualTo("money-transfer");
    assertThat(transfer.stateType().getName()).isEqualTo("bank.Transfer");
    assertThat(transfer.eventNames()).containsExactly("AccountCredited", "AccountDebited", "TransferRequested").inOrder();
    assertThat(transfer.sends().stream().map(Class::getSimpleName).toList()).containsExactly("Credit", "Debit", "Refund").inOrder();
    assertThat(app.aggregates().get(0).commands().stream().filter(c -> c.internal()).map(c -> c.name()).toList())
        .containsExactly("credit", "debit", "refund").inOrder();
  }

  @Test
  void appModelsDeployment_isTheOneTheRegistryGivesAtRunTime() throws Exception {
    JsonNode written = JSON.readTree(generated.get("META-INF/sourced/app-model.json")).get("deployment");
    JsonNode atRunTime = JSON.readTree(JSON.writeValueAsString(DeploymentTree.of(Deployment.of(AppOutline.of(registry())))));
    assertThat(written).isEqualTo(atRunTime);
  }

  @Test
  void deployment_hasTheProcessManagersFunctionTableQueuesAndRule_andNoRouteForInternalCommands() throws IOException {
    JsonNode model = JSON.readTree(generated.get("META-INF/sourced/app-model.json"));
    JsonNode deployment = model.get("deployment");
    JsonNode function = named(deployment.get("functions"), "money-transfer-process");
    assertThat(function.get("kind").asText()).isEqualTo("process-manager");
    assertThat(function.get("handler").asText()).isEqualTo("bank.SourcedLambdas$MoneyTransferProcessLambda");
    assertThat(named(deployment.get("tables"), "test-app-money-transfer-state").get("role").asText()).isEqualTo("process-state");
    assertThat(named(deployment.get("queues"), "test-app-money-transfer").get("deadLetterQueue").asText())
        .isEqualTo("test-app-money-transfer-dlq");
    assertThat(named(deployment.get("queues"), "test-app-money-transfer-dlq").get("role").asText()).isEqualTo("dead-letter");
    JsonNode rule = named(deployment.get("rules"), "test-app-money-transfer");
    assertThat(texts(rule.get("pattern").get("detail-type"))).containsExactly("AccountCredited", "AccountDebited",
        "TransferRequested").inOrder();
    List<String> routes = new ArrayList<>();
    deployment.get("routes").forEach(r -> routes.add(r.get("method").asText() + " " + r.get("path").asText()));
    assertThat(routes).containsExactly("POST /account/{accountId}/open-account", "POST /account/{accountId}/request-transfer");
    assertThat(model.get("routes").size()).isEqualTo(2);
    assertThat(JSON.readTree(generated.get("META-INF/sourced/openapi.json")).get("paths").size()).isEqualTo(2);
  }

  @Test
  void appModel_describesTheProcessManager() throws IOException {
    JsonNode transfer = JSON.readTree(generated.get("META-INF/sourced/app-model.json")).get("processManagers").get(0);
    assertThat(transfer.get("name").asText()).isEqualTo("money-transfer");
    assertThat(transfer.get("class").asText()).isEqualTo("bank.MoneyTransfer");
    assertThat(transfer.get("stateType").asText()).isEqualTo("bank.Transfer");
    assertThat(texts(transfer.get("consumes"))).containsExactly("AccountCredited", "AccountDebited", "TransferRequested").inOrder();
    List<String> kinds = new ArrayList<>();
    transfer.get("handlers").forEach(h -> kinds.add(h.get("event").asText() + " " + h.get("kind").asText() + " "
        + h.get("associationKey").asText()));
    assertThat(kinds).containsExactly("AccountCredited fold event.transferId", "AccountDebited fold event.transferId",
        "TransferRequested start event.transferId").inOrder();
    List<String> sends = new ArrayList<>();
    transfer.get("sends").forEach(s -> sends.add(s.get("command").asText() + " → " + s.get("aggregate").asText()));
    assertThat(sends).containsExactly("credit → account", "debit → account", "refund → account").inOrder();
    assertThat(texts(transfer.get("targets"))).containsExactly("account");
    assertThat(transfer.get("rejectionHandlers").get(0).get("command").asText()).isEqualTo("credit");
  }

  @Test
  void lambdaAndCodecs_areGenerated_forTheRuntime() {
    String lambda = generated.get("bank/SourcedLambdas.java");
    assertThat(lambda).contains("public static final class MoneyTransferProcessLambda implements RequestHandler<SQSEvent, SQSBatchResponse>");
    assertThat(lambda).contains("this(SourcedConfig.fromEnvironment());");
    assertThat(lambda).contains(
        "this.handler = ProcessManagers.engine(SourcedApp.INSTANCE, SourcedAppJson.INSTANCE, \"money-transfer\", config);");
    assertThat(lambda).contains("return handler.handle(event);");
    assertThat(generated.get("bank/SourcedAppJson.java")).contains("\"bank.Transfer\"");
    assertThat(generated.get("bank/SourcedAppJson.java")).contains("return new RecordCodec(RECORDS, ");
  }

  @Test
  void eventsOnlyAProcessManagerHandles_areConsumed_andAnInternalCommandMayShareAPublicRoutesShape() {
    // AccountCredited would warn as unconsumed without the process manager; refund's default route is taken by a
    // public command: internal commands have no route, so nothing collides
    List<JavaFileObject> sources = new ArrayList<>(bank());
    sources.replaceAll(s -> !s.getName().endsWith("/Account.java") ? s : source("bank.Account", """
        @Aggregate
        public class Account {
          @CommandHandler static AccountOpened open(OpenAccount c) { return new AccountOpened(c.accountId()); }
          @CommandHandler(route = "POST /account/{accountId}/refund")
          TransferRequested request(RequestTransfer c) { return null; }
          @CommandHandler(internal = true) AccountDebited debit(Debit c) { return null; }
          @CommandHandler(internal = true) AccountCredited credit(Credit c) { return null; }
          @CommandHandler(internal = true) AccountRefunded refund(Refund c) { return null; }
          @EventSourcingHandler void on(AccountOpened e) {}
          @EventSourcingHandler void on(AccountRefunded e) {}
        }
        """));

    Compilation compiled = Compile.compile(sources);

    assertThat(compiled).succeeded();
    assertThat(compiled).hadWarningCount(0);
  }

  /** The generated registry, loaded from the classes the compilation produced. */
  private static SourcedApplication registry() throws ReflectiveOperationException {
    return CompiledRegistry.load(compilation, "bank.SourcedApp");
  }

  private static JsonNode named(JsonNode array, String name) {
    for (JsonNode node : array) {
      if (node.get("name").asText().equals(name)) {
        return node;
      }
    }
    throw new AssertionError("no element named " + name + " in " + array);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
