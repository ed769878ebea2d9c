package dev.sourced.local.unique;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sourced.deployment.TableSpec;
import dev.sourced.deployment.dynamodb.CreateTableRequests;
import dev.sourced.local.cloud.LocalCloud;
import dev.sourced.local.testkit.AwsCalls;
import dev.sourced.local.testkit.DeployedPolicies;
import dev.sourced.local.testkit.LocalCloudExtension;
import dev.sourced.local.testkit.bank.CustomerDirectoryProjection;
import dev.sourced.local.testkit.bank.SourcedApp;
import dev.sourced.runtime.event.EventEnvelope;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.replay.ProjectionReplay;
import dev.sourced.runtime.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Unique emails of the bank's customers on the local cloud, through the generated command function: a second claim
 * is refused, a change frees the old email, leaving frees the last one. The reservations live in the event table
 * beside the events, and nothing downstream of it sees them: the publisher puts only the events on the bus, the
 * projection folds only events, and the replay reader sends only events. The command function's calls, deletes of
 * reservations included, are all allowed by its deployed grants, and its grants are all used.
 */
class UniqueValuesEndToEndTest {
  static {
    AwsCalls.start(); // before the local cloud starts, as in the sample's LeastPrivilegeTest
  }

  @RegisterExtension
  static final LocalCloudExtension cloud = LocalCloudExtension.forApp("bank");

  private static LocalCloudExtension.Response post(String path, String json) {
    return cloud.post(path, json);
  }

  @Test
  @SuppressWarnings("unchecked")
  void emailsStayUnique_andOnlyEventsReachTheBusTheProjectionAndTheReplayReader() throws Exception {
    LocalCloud local = cloud.cloud();
    List<JsonNode> published = new CopyOnWriteArrayList<>();
    Set<AwsCalls.Call> calls;
    // refuses no entry: records each one the publisher puts on the bus
    try (AutoCloseable recorder = local.failPublishing(entry -> {
      published.add(entry);
      return false;
    }, "InternalFailure")) {
      assertThat(post("/customer/c1/register-customer", "{\"email\":\"ann@example.com\",\"name\":\"Ann\"}").status()).isEqualTo(201);
      LocalCloudExtension.Response taken = post("/customer/c2/register-customer", "{\"email\":\"ann@example.com\",\"name\":\"Bob\"}");
      assertThat(taken.status()).isEqualTo(409);
      assertThat(taken.json().get("code").asText()).isEqualTo("unique-value-taken");
      assertThat(taken.body()).doesNotContain("ann@example.com");

      assertThat(post("/customer/c1/change-email", "{\"email\":\"ann@example.org\"}").status()).isEqualTo(200);
      assertThat(post("/customer/c2/register-customer", "{\"email\":\"ann@example.com\",\"name\":\"Bob\"}").status()).isEqualTo(201);
      assertThat(post("/customer/c1/leave-bank", "{}").status()).isEqualTo(200);
      assertThat(post("/customer/c3/register-customer", "{\"email\":\"ann@example.org\",\"name\":\"Cy\"}").status()).isEqualTo(201);

      cloud.awaitProjection("customer-directory", "customer#c1", 3);
      cloud.awaitProjection("customer-directory", "customer#c2", 1);
      cloud.awaitProjection("customer-directory", "customer#c3", 1);
    } finally {
      calls = AwsCalls.stop();
    }

    assertThat(published).extracting(entry -> entry.get("DetailType").asText()).containsExactlyInAnyOrder(
        "CustomerRegistered", "EmailChanged", "CustomerRegistered", "CustomerLeft", "CustomerRegistered");
    assertThat(cloud.view("customer-directory", "c1").get("active").asBoolean()).isFalse();
    assertThat(cloud.view("customer-directory", "c2").get("email").asText()).isEqualTo("ann@example.com");
    assertThat(cloud.view("customer-directory", "c3").get("email").asText()).isEqualTo("ann@example.org");

    DeployedPolicies policies = DeployedPolicies.of(local.deployment());
    assertThat(policies.denied(calls)).as("calls the deployed policies would deny").isEmpty();
    assertThat(calls).anyMatch(call -> call.function().equals("customer-commands") && call.action().equals("dynamodb:DeleteItem")
        && call.resource().equals("table:bank-events") && call.key().startsWith("unique#customer#email#"));
    assertThat(policies.unused(calls).getOrDefault("customer-commands", Set.of())).as("customer-commands' unused grants").isEmpty();

    // a replay into a new table reads the whole event table, reservations included, and sends only the events
    String eventTable = local.deployment().eventTable().name();
    local.dynamoDb().createTable(CreateTableRequests.of(TableSpec.projection("bank-customer-directory-scratch", "customer-directory", 1)));
    String queue = local.sqs().createQueueWithDeadLetterQueue("scratch-replay", "scratch-replay-dlq", 5, 30);
    ProjectionReplay replay = new ProjectionReplay(SourcedApp.INSTANCE.projection(CustomerDirectoryProjection.class).orElseThrow(),
        local.dynamoDb(), eventTable, new ProjectionTable(local.dynamoDb(), "bank-customer-directory-scratch"), local.sqs().client(),
        queue, local.sqs().queueUrl("scratch-replay-dlq"), 1, line -> { });
    Map<String, Object> cursor = ((List<Map<String, Object>>) replay.start(Map.of()).get("segments")).get(0);
    do {
      cursor = replay.read(cursor, () -> 60_000);
    } while (!Boolean.TRUE.equals(cursor.get("done")));
    assertThat(((Number) cursor.get("sent")).longValue()).isEqualTo(5);

    List<String> bodies = new ArrayList<>();
    List<Message> received;
    do {
      received = local.sqs().client().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
      received.forEach(message -> bodies.add(message.body()));
    } while (!received.isEmpty());
    List<StoredEvent> sent = bodies.stream()
        .flatMap(body -> EventEnvelope.parseAll(body).stream()).toList();
    assertThat(sent).extracting(StoredEvent::streamId).hasSize(5)
        .contains("customer#c1", "customer#c2", "customer#c3").allMatch(stream -> stream.startsWith("customer#"));
    assertThat(sent).extracting(StoredEvent::data).noneMatch(data -> data.contains("\"owner\""));
  }
}
