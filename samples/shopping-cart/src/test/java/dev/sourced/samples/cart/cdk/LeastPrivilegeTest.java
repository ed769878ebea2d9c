package dev.sourced.samples.cart.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sourced.cdk.FlatTemplate;
import dev.sourced.cdk.SourcedStack;
import dev.sourced.cdk.StackLayout;
import dev.sourced.local.testkit.AwsCalls;
import dev.sourced.local.testkit.DeployedPolicies;
import dev.sourced.local.testkit.LocalCloudExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import dev.sourced.samples.cart.SourcedApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The deployed policies are enough, and not more than needed, checked both ways against one list, the
 * deployment description's grants: the sample's functions run on the local cloud through every path
 * (commands with an idempotency key and snapshots, publishing, a projection filling a gap from the event
 * store, queries, and their priming at start), {@link AwsCalls} records each AWS call as the IAM action and
 * resource it needs, and {@link DeployedPolicies} checks each against the function's grants, and the
 * synthesized {@link SourcedStack}'s policies against the same grants.
 */
class LeastPrivilegeTest {
  static {
    AwsCalls.start(); // before the local cloud starts: the functions' priming and the pollers' first calls count too
  }

  @RegisterExtension
  static final LocalCloudExtension cloud = LocalCloudExtension.forApp("shopping-cart");

  static Map<String, Object> template;
  /** The same app deployed with nested stacks, read as one template: layout nested, and nested-with-routes. */
  static Map<String, Object> nestedTemplate;
  static Map<String, Object> nestedWithRoutesTemplate;

  @BeforeAll
  static void synth() throws Exception {
    Path bundle = Files.createTempDirectory("bundle").resolve("shopping-cart-lambda.jar");
    Files.writeString(bundle, "stand-in for the bundle");
    SourcedStack stack = new SourcedStack(new App(), "ShoppingCart", StackProps.builder().build(),
        SourcedStack.backendProps(SourcedApp.INSTANCE).code(Code.fromAsset(bundle.toString())).build());
    template = Template.fromStack(stack).toJSON();
    SourcedStack nested = new SourcedStack(new App(), "ShoppingCartNested", StackProps.builder().build(),
        SourcedStack.backendProps(SourcedApp.INSTANCE).code(Code.fromAsset(bundle.toString())).stackLayout(StackLayout.NESTED).build());
    nestedTemplate = FlatTemplate.of(nested);
    SourcedStack nestedWithRoutes = new SourcedStack(new App(), "ShoppingCartNestedWithRoutes", StackProps.builder().build(),
        SourcedStack.backendProps(SourcedApp.INSTANCE).code(Code.fromAsset(bundle.toString()))
            .stackLayout(StackLayout.NESTED_WITH_ROUTES).build());
    nestedWithRoutesTemplate = FlatTemplate.of(nestedWithRoutes);
  }

  @Test
  void everyCallAFunctionMakesIsAllowedByItsDeployedPolicy() throws Exception {
    Set<AwsCalls.Call> calls;
    try {
      exerciseEveryPath();
    } finally {
      calls = AwsCalls.stop();
    }
    DeployedPolicies policies = DeployedPolicies.of(cloud.cloud().deployment());

    assertThat(policies.differencesFrom(template)).as("deployed policies that grant otherwise than the description").isEmpty();
    assertThat(policies.differencesFrom(nestedTemplate)).as("the same, deployed with nested stacks").isEmpty();
    assertThat(policies.routeDifferencesFrom(template)).as("routes of template").isEmpty();
    assertThat(policies.routeDifferencesFrom(nestedTemplate)).as("routes of nestedTemplate").isEmpty();
    assertThat(policies.routeDifferencesFrom(nestedWithRoutesTemplate)).as("routes of nestedWithRoutesTemplate").isEmpty();
    assertThat(policies.differencesFrom(nestedWithRoutesTemplate)).as("the same, nested with routes").isEmpty();
    assertThat(policies.workflowDifferencesFrom(template)).as("state machine policies that grant otherwise than the description")
        .isEmpty();
    assertThat(policies.workflowDifferencesFrom(nestedTemplate)).as("the same, deployed with nested stacks").isEmpty();
    assertThat(policies.workflowDifferencesFrom(nestedWithRoutesTemplate)).as("the same, nested with routes").isEmpty();
    assertThat(policies.denied(calls)).as("calls the deployed policies would deny (AccessDenied in AWS)").isEmpty();
    assertThat(calls).extracting(AwsCalls.Call::function).as("functions that made AWS calls").containsOnly(
        "shopping-cart-commands", "publisher", "cart-summary-projection", "customer-carts-projection",
        "cart-summary-queries", "customer-carts-queries", "cart-summary-replay-reader", "customer-carts-replay-reader");
    // granted but not exercised here, each for a reason; anything else granted and unused is privilege to remove
    assertThat(policies.unused(calls)).as("permissions no call needed").isEqualTo(Map.of(
        // Lambda's stream mapping lists the table's streams; the local poller takes the ARN from DescribeTable.
        // SendMessage: the mapping's on-failure destination, used only when it gives up on a record
        "publisher", Set.of("dynamodb:ListStreams", "sqs:SendMessage"),
        // DeleteItem: a projection that deletes a view (the sample's never do); GetQueueAttributes: Lambda's
        // queue mapping reads the queue's attributes, the local poller does not
        "cart-summary-projection", Set.of("dynamodb:DeleteItem", "sqs:GetQueueAttributes"),
        "customer-carts-projection", Set.of("dynamodb:DeleteItem", "sqs:GetQueueAttributes"),
        // Scan: query handlers that list views page through the table (Views.list); the sample's look views up by key.
        // BatchGetItem: a view past one item is read in parts; customer-carts' views stay small here
        "cart-summary-queries", Set.of("dynamodb:Scan"),
        "customer-carts-queries", Set.of("dynamodb:Scan", "dynamodb:BatchGetItem"),
        // Query: a replay of one stream; customer-carts' replays here are of the whole store
        "customer-carts-replay-reader", Set.of("dynamodb:Query")));
  }

  /** Commands (with an idempotency key, past a snapshot), publishing, a projection gap, queries, replays that send. */
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
    // a cart-summary past one item (400 KB): stored and read in parts
    cloud.post("/shopping-cart/lp4/open-cart", "{\"cartId\":\"lp4\",\"customerId\":\"lena\"}");
    java.util.Random random = new java.util.Random(4);
    for (int i = 0; i < 14; i++) {
      StringBuilder sku = new StringBuilder();
      random.ints(60_000, 'a', 'z' + 1).forEach(c -> sku.append((char) c));
      cloud.post("/shopping-cart/lp4/add-item", "{\"cartId\":\"lp4\",\"sku\":\"" + sku + "\",\"quantity\":1}");
    }
    assertThat(cloud.get("/cart-summary/lp4?minVersion=15&stream=shopping-cart%23lp4").json().get("items").size()).isEqualTo(14);
    assertThat(cloud.projectionTable("cart-summary").view("lp4").parts()).isEqualTo(2);
    // replays: of the whole store (catch-up: the versions are ready), and of one stream. lp3's events fail on the
    // live queues meanwhile (EventBridge events have a source; a replay's events do not), so the catch-ups send them
    java.util.function.Predicate<com.fasterxml.jackson.databind.JsonNode> lp3Live =
        event -> event.has("source") && event.path("detail").path("streamId").asText().equals("shopping-cart#lp3");
    try (AutoCloseable summary = cloud.cloud().failProjection("cart-summary", lp3Live);
        AutoCloseable customers = cloud.cloud().failProjection("customer-carts", lp3Live)) {
      assertThat(cloud.post("/shopping-cart/lp3/open-cart", "{\"cartId\":\"lp3\",\"customerId\":\"lena\"}").status()).isEqualTo(201);
      cloud.post("/shopping-cart/lp3/add-item", "{\"cartId\":\"lp3\",\"sku\":\"fig\",\"quantity\":1}");
      cloud.cloud().replay("cart-summary", null);
      cloud.cloud().replay("customer-carts", null);
      assertThat(cloud.cloud().awaitReplays(java.time.Duration.ofMinutes(2))).isEmpty();
      cloud.awaitProjection("cart-summary", "shopping-cart#lp3", 2);
      cloud.awaitProjection("customer-carts", "shopping-cart#lp3", 1); // it consumes CartOpened, not ItemAdded
    }
    cloud.cloud().replay("cart-summary", "shopping-cart#lp1");
    assertThat(cloud.cloud().awaitReplays(java.time.Duration.ofMinutes(2))).isEmpty();
  }
}
