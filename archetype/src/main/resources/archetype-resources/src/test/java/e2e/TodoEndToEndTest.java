package ${package}.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sourced.local.testkit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole path on the local cloud, through the generated Lambda entry points: HTTP → command function → DynamoDB
 * (Local) → stream → publisher → EventBridge rule (event-ruler) → SQS (ElasticMQ) → projection function → view →
 * query function → HTTP.
 */
class TodoEndToEndTest {
  @RegisterExtension
  static final LocalCloudExtension cloud = LocalCloudExtension.forApp("${app}");

  @Test
  void commandsBecomeAQueryableView() {
    assertThat(cloud.post("/todo-list/l1/create-list", "{\"listId\":\"l1\",\"title\":\"Groceries\"}").status()).isEqualTo(201);
    assertThat(cloud.post("/todo-list/l1/add-task", "{\"listId\":\"l1\",\"text\":\"milk\"}").status()).isEqualTo(200);
    var completed = cloud.post("/todo-list/l1/complete-task", "{\"listId\":\"l1\",\"task\":1}");
    assertThat(completed.json().get("version").asLong()).isEqualTo(3);

    var rejected = cloud.post("/todo-list/l1/complete-task", "{\"listId\":\"l1\",\"task\":7}");
    assertThat(rejected.status()).isEqualTo(422);
    assertThat(rejected.json().get("code").asText()).isEqualTo("no-such-task");

    // read your writes: the query waits until todo-summary has applied version 3 of the list's stream
    var summary = cloud.get("/todo-summary/l1?minVersion=3&stream=todo-list%23l1");
    assertThat(summary.status()).isEqualTo(200);
    assertThat(summary.json().get("done").toString()).isEqualTo("[\"1. milk\"]");
  }
}
