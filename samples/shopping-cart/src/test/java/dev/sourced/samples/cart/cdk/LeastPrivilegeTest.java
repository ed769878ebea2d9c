package dev.sourced.samples.cart.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.local.cloud.AppDescription;
import dev.sourced.local.testkit.LocalCloudExtension;
import dev.sourced.runtime.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The deployed policies are enough, and not more than needed: the sample's functions run on the
 * local cloud through every path (commands with an idempotency key and snapshots, publishing, a
 * projection filling a gap from the event store, queries), {@link SdkCallRecorder} records each AWS
 * call as the IAM action and resource it needs, and each is checked against the policy the
 * synthesized {@link ShoppingCartStack} gives that function. Local names are matched to the
 * template's resources through what connects them in both: the {@code SOURCED_*} environment
 * variables and the event source mappings.
 */
class LeastPrivilegeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    SdkCallRecorder.start(); // before the local cloud starts: its pollers' first calls count too
  }

  @RegisterExtension
  static final LocalCloudExtension cloud = LocalCloudExtension.forApp("shopping-cart");

  static JsonNode resources;

  /** A permission in a function's policy: an action on a resource ({@code <logical id>.<attribute>}, or {@code *}). */
  record Grant(String action, String resource) {}

  @BeforeAll
  static void synth() throws Exception {
    Path bundle = Files.createTempDirectory("bundle").resolve("shopping-cart-lambda.jar");
    Files.writeString(bundle, "stand-in for the bundle");
    ShoppingCartStack stack = new ShoppingCartStack(new App(), "ShoppingCart", StackProps.builder().build(),
        ShoppingCartStack.backendProps().code(Code.fromAsset(bundle.toString())).build());
    resources = JSON.valueToTree(Template.fromStack(stack).toJSON()).get("Resources");
  }

  @Test
  void everyCallAFunctionMakesIsAllowedByItsDeployedPolicy() throws Exception {
    Set<SdkCallRecorder.Call> recorded;
    try {
      exerciseEveryPath();
    } finally {
      recorded = SdkCallRecorder.stop();
    }
    Topology topology = cloud.cloud().topology();
    Map<String, Deployed> deployedByName = new HashMap<>();
    for (AppDescription.Function function : cloud.cloud().description().functions()) {
      deployedByName.put(function.name(), deployed(function, topology));
    }
    Map<String, Set<String>> denied = new TreeMap<>();
    Map<String, Set<Grant>> used = new TreeMap<>();
    for (SdkCallRecorder.Call call : recorded) {
      Deployed function = deployedByName.get(call.function());
      String resource = call.resource().equals("*") ? "*" : function.names().get(call.resource());
      Grant needed = new Grant(call.action(), resource);
      if (resource == null || !(function.grants().contains(needed) || function.grants().contains(new Grant(call.action(), "*")))) {
        denied.computeIfAbsent(call.function(), f -> new TreeSet<>()).add(call.action() + " on " + call.resource()
            + (resource == null ? " (a resource its deployed environment does not name)" : ""));
      }
      used.computeIfAbsent(call.function(), f -> new HashSet<>()).add(needed);
    }
    assertThat(denied).as("calls the deployed policies would deny (AccessDenied in AWS)").isEmpty();
    assertThat(used.keySet()).as("functions that made AWS calls").containsExactlyInAnyOrder(
        "shopping-cart-commands", "publisher", "cart-summary-projection", "customer-carts-projection",
        "cart-summary-queries", "customer-carts-queries");

    Map<String, Set<String>> unused = new TreeMap<>();
    deployedByName.forEach((name, deployed) -> {
      for (Grant grant : deployed.grants()) {
        if (!grant.action().startsWith("logs:") && !used.getOrDefault(name, Set.of()).contains(grant)) {
          unused.computeIfAbsent(name, f -> new TreeSet<>()).add(grant.action());
        }
      }
    });
    // granted but not exercised here, each for a reason; anything else granted and unused is privilege to remove
    assertThat(unused).as("permissions no call needed").isEqualTo(Map.of(
        // Lambda's stream mapping lists the table's streams; the local poller takes the ARN from DescribeTable.
        // SendMessage: the mapping's on-failure destination, used only when it gives up on a record
        "publisher", Set.of("dynamodb:ListStreams", "sqs:SendMessage"),
        // DeleteItem: a projection that deletes a view (the sample's never do); GetQueueAttributes: Lambda's
        // queue mapping reads the queue's attributes, the local poller does not
        "cart-summary-projection", Set.of("dynamodb:DeleteItem", "sqs:GetQueueAttributes"),
        "customer-carts-projection", Set.of("dynamodb:DeleteItem", "sqs:GetQueueAttributes"),
        // Scan: query handlers that list views page through the table (Views.list); the sample's look views up by key
        "cart-summary-queries", Set.of("dynamodb:Scan"),
        "customer-carts-queries", Set.of("dynamodb:Scan")));
  }

  /** Commands (with an idempotency key, past a snapshot), publishing, a projection gap, queries. */
  private static void exerciseEveryPath() throws Exception {
    assertThat(cloud.post("/shopping-cart/lp1/open-cart", "{\"cartId\":\"lp1\",\"customerId\":\"lena\"}").status()).isEqualTo(201);
    String add = "{\"cartId\":\"lp1\",\"sku\":\"apple\",\"quantity\":1}";
    var first = cloud.send("POST", "/shopping-cart/lp1/add-item", add, Map.of("Idempotency-Key", "lp1-apple"));
    var retried = cloud.send("POST", "/shopping-cart/lp1/add-item", add, Map.of("Idempotency-Key", "lp1-apple"));
    assertThat(retried.body()).isEqualTo(first.body());
    // cart-summary misses v3 for now, so v4 arrives above a gap that it fills from the event store
    try (AutoCloseable fault = cloud.cloud().failProjection("cart-summary",
        event -> event.path("detail").path("streamId").asText().equals("shopping-cart#lp1") && event.path("detail").path("version").asLong() == 3)) {
      cloud.post("/shopping-cart/lp1/add-item", "{\"cartId\":\"lp1\",\"sku\":\"pear\",\"quantity\":1}");
      cloud.post("/shopping-cart/lp1/add-item", "{\"cartId\":\"lp1\",\"sku\":\"plum\",\"quantity\":1}");
      cloud.awaitProjection("cart-summary", "shopping-cart#lp1", 4);
    }
    // 50 events make a snapshot; the next command starts from it
    cloud.post("/shopping-cart/lp2/open-cart", "{\"cartId\":\"lp2\",\"customerId\":\"lena\"}");
    for (int i = 0; i < 50; i++) {
      cloud.post("/shopping-cart/lp2/add-item", "{\"cartId\":\"lp2\",\"sku\":\"sku" + i + "\",\"quantity\":1}");
    }
    assertThat(cloud.post("/shopping-cart/lp2/check-out", "{\"cartId\":\"lp2\"}").status()).isEqualTo(200);
    assertThat(cloud.get("/cart-summary/lp1?minVersion=4&stream=shopping-cart%23lp1").json().get("items").size()).isEqualTo(3);
    cloud.awaitProjection("customer-carts", "shopping-cart#lp2", 52);
    assertThat(cloud.get("/customer-carts/lena?minVersion=52&stream=shopping-cart%23lp2").json().get("openCartIds").toString())
        .isEqualTo("[\"lp1\"]");
  }

  /**
   * @param grants what the function's policy allows
   * @param names the local resource names ({@code table:shopping-cart-events}) → the template resource they are deployed as
   */
  record Deployed(Set<Grant> grants, Map<String, String> names) {}

  static Deployed deployed(AppDescription.Function function, Topology topology) {
    String logicalId = null;
    JsonNode properties = null;
    for (var entry : iterable(resources.fields())) {
      JsonNode resource = entry.getValue();
      if (resource.path("Type").asText().equals("AWS::Lambda::Function")
          && resource.path("Properties").path("Handler").asText().equals(function.handler() + "::handleRequest")) {
        logicalId = entry.getKey();
        properties = resource.get("Properties");
      }
    }
    assertThat(logicalId).as("the deployed function of %s", function.handler()).isNotNull();
    String role = properties.path("Role").path("Fn::GetAtt").get(0).asText();
    Set<Grant> grants = new HashSet<>();
    for (JsonNode resource : resources) {
      if (resource.path("Type").asText().equals("AWS::IAM::ManagedPolicy")
          && resource.path("Properties").path("Roles").findValuesAsText("Ref").contains(role)) {
        for (JsonNode statement : resource.path("Properties").path("PolicyDocument").path("Statement")) {
          for (String action : strings(statement.get("Action"))) {
            for (JsonNode target : statement.get("Resource").isArray() ? statement.get("Resource") : JSON.createArrayNode().add(statement.get("Resource"))) {
              grants.add(new Grant(action, reference(target)));
            }
          }
        }
      }
    }
    // local names, as the local cloud configures the function, → the resources the stack configures it with
    Map<String, String> names = new HashMap<>();
    JsonNode environment = properties.path("Environment").path("Variables");
    Map<String, String> local = new HashMap<>();
    local.put("SOURCED_EVENT_TABLE", "table:" + topology.eventTable());
    local.put("SOURCED_SNAPSHOT_TABLE", "table:" + topology.snapshotTable());
    local.put("SOURCED_EVENT_BUS", "bus:" + topology.eventBus());
    if (function.kind().equals("projection") || function.kind().equals("queries")) {
      local.put("SOURCED_PROJECTION_TABLE", "table:" + topology.projection(function.owner()).table());
    }
    local.forEach((variable, name) -> {
      if (environment.has(variable)) {
        String referenced = environment.get(variable).path("Ref").asText();
        names.put(name, referenced + (name.startsWith("bus:") || name.startsWith("table:") ? ".Arn" : ""));
      }
    });
    String alias = null;
    for (var entry : iterable(resources.fields())) {
      if (entry.getValue().path("Type").asText().equals("AWS::Lambda::Alias")
          && entry.getValue().path("Properties").path("FunctionName").path("Ref").asText().equals(logicalId)) {
        alias = entry.getKey();
      }
    }
    for (JsonNode resource : resources) {
      JsonNode mapping = resource.path("Properties");
      if (resource.path("Type").asText().equals("AWS::Lambda::EventSourceMapping")
          && mapping.path("FunctionName").findValuesAsText("Ref").contains(alias)) {
        String source = reference(mapping.get("EventSourceArn"));
        if (source.endsWith(".StreamArn")) {
          names.put("stream:" + topology.eventTable(), source);
          names.put("stream:(by shard iterator)", source);
        } else {
          names.put("queue:" + topology.projection(function.owner()).queue(), source);
        }
        JsonNode onFailure = mapping.path("DestinationConfig").path("OnFailure").path("Destination");
        if (!onFailure.isMissingNode()) {
          names.put("queue:" + topology.publisherFailures(), reference(onFailure));
        }
      }
    }
    return new Deployed(grants, names);
  }

  /** @return {@code {"Fn::GetAtt": ["Table1", "Arn"]}} → {@code Table1.Arn}; {@code "*"} → {@code *} */
  static String reference(JsonNode target) {
    if (target.isTextual()) {
      return target.asText();
    }
    JsonNode getAtt = target.get("Fn::GetAtt");
    return getAtt == null ? target.toString() : getAtt.get(0).asText() + "." + getAtt.get(1).asText();
  }

  static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(value -> values.add(value.asText()));
    } else {
      values.add(node.asText());
    }
    return values;
  }

  static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
    return () -> iterator;
  }
}
