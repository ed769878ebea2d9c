package dev.sourced.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.deployment.AppOutline;
import dev.sourced.deployment.Deployment;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sqs.Queue;

/**
 * {@link SourcedBackend} in nested stacks ({@link StackLayout}): an application too large for one stack is refused with
 * what to do, and deploys in nested stacks, each within CloudFormation's limit, cdk-nag clean; the state, and in layout
 * {@code NESTED} the routes, keep their logical ids across layouts; {@link FlatTemplate} reads the nested templates as one.
 * Each app is synthesized once.
 */
class NestedStacksTest {
  static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
  static Path bundle;
  static Deployment large;
  static Stack nested;
  static Stack nestedRoutesInParent;
  static Map<String, Object> nestedFlat;
  static Map<String, Object> nestedRoutesInParentFlat;
  static Stack canary;

  @BeforeAll
  static void synth() throws Exception {
    bundle = Files.createTempDirectory("bundle").resolve("app-lambda.jar");
    Files.writeString(bundle, "not a real jar");
    large = large();
    App app = new App();
    nested = new Stack(app, "Nested");
    new SourcedBackend(nested, "Backend", props(large).stackLayout(StackLayout.NESTED_WITH_ROUTES).build());
    nestedRoutesInParent = new Stack(app, "NestedRoutesInParent");
    new SourcedBackend(nestedRoutesInParent, "Backend", props(large).stackLayout(StackLayout.NESTED).build());
    // a canary: a queue cdk-nag must report, inside a nested stack, so the check below sees into nested stacks
    canary = new Stack(app, "Canary");
    Queue.Builder.create(new ComponentStack(canary, "Component", "a canary"), "Plain").build();
    Aspects.of(app).add(new AwsSolutionsChecks());
    nestedFlat = FlatTemplate.of(nested);
    nestedRoutesInParentFlat = FlatTemplate.of(nestedRoutesInParent);
  }

  /** 6 aggregates of 5 commands, 8 projections of 2 queries, 2 process managers (one with a deadline): about 600 resources. */
  static Deployment large() {
    List<AppOutline.Aggregate> aggregates = IntStream.range(0, 6).mapToObj(a -> new AppOutline.Aggregate("agg-" + a, "shop",
        List.of("Agg" + a), a % 2 == 0, IntStream.range(0, 5).mapToObj(c -> new AppOutline.Endpoint("POST",
            "/agg-" + a + "/{id}/command-" + c)).toList())).toList();
    List<AppOutline.Projection> projections = IntStream.range(0, 8).mapToObj(p -> new AppOutline.Projection("view-" + p, 1,
        "shop", List.of("View" + p), List.of("Created" + p, "Changed" + p), List.of(new AppOutline.Endpoint("GET", "/view-" + p
            + "/{id}"), new AppOutline.Endpoint("GET", "/view-" + p + "/{id}/history")))).toList();
    List<AppOutline.ProcessManager> processes = List.of(
        new AppOutline.ProcessManager("process-0", "shop", List.of("Process0"), List.of("Created0"), List.of("agg-1")),
        new AppOutline.ProcessManager("process-1", "shop", List.of("Process1"), List.of("Changed1"), List.of("agg-2"),
            List.of("timeout")));
    return Deployment.of(new AppOutline("big-shop", aggregates, projections, processes));
  }

  static SourcedBackendProps.Builder props(Deployment deployment) {
    return SourcedBackendProps.builder().deployment(deployment).code(Code.fromAsset(bundle.toString()));
  }

  @Test
  void anApplicationTooLargeForOneStackIsRefusedWithWhatToDo() {
    Stack single = new Stack(new App(), "Single");

    assertThatThrownBy(() -> new SourcedBackend(single, "Backend", props(large).build())).hasMessageContaining("Stack Single has 591 resources")
        .hasMessageContaining("CloudFormation takes at most 500 in one stack")
        .hasMessageContaining("<sourced.synth.stackLayout>nested</sourced.synth.stackLayout>");
  }

  @Test
  void withNestedStacksEveryStackIsWithinTheLimit() {
    Map<Stack, Integer> inParent = ResourceLimit.counts(nestedRoutesInParent);
    inParent.forEach((stack, count) -> assertThat(count).as(stack.getNode().getPath()).isLessThanOrEqualTo(ResourceLimit.MAX));
    assertThat(inParent).hasSize(1 + 6 + 8 + 2);
    Map<Stack, Integer> counts = ResourceLimit.counts(nested);
    List<String> nestedStacks = new ArrayList<>();
    counts.forEach((stack, count) -> {
      assertThat(count).as(stack.getNode().getPath()).isLessThanOrEqualTo(ResourceLimit.MAX);
      if (NestedStack.isNestedStack(stack)) {
        nestedStacks.add(stack.getNode().getPath());
      }
    });
    // one per aggregate, projection (its query function with it) and process manager
    assertThat(nestedStacks).hasSize(6 + 8 + 2).contains("Nested/Backend/CommandsAgg0", "Nested/Backend/ProjectionView0/Stack",
        "Nested/Backend/ProcessManagerProcess1/Stack");
    // the counts are the synthesized templates' (what CloudFormation counts)
    var assembly = software.amazon.awscdk.Stage.of(nested).synth();
    counts.forEach((stack, count) -> assertThat(resourcesOf(NestedStack.isNestedStack(stack)
        ? read(Path.of(assembly.getDirectory(), stack.getTemplateFile()))
        : JSON.convertValue(assembly.getStackArtifact(stack.getArtifactId()).getTemplate(), Map.class)))
        .as(stack.getNode().getPath()).hasSize(count));
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(total).as("resources in all stacks").isGreaterThan(ResourceLimit.MAX);
    assertThat(counts.get(nested)).as("resources in the parent").isLessThan(120);
    // with the routes in the parent: a route and its integration each, 46 routes, and the API's permission to invoke each of
    // the 14 functions they reach
    assertThat(inParent.get(nestedRoutesInParent) - counts.get(nested)).isEqualTo(2 * (6 * 5 + 8 * 2) + 6 + 8);
  }

  @Test
  void cdkNagFindsNothingUnsuppressedInTheNestedStacks() {
    for (Stack stack : List.of(nested, nestedRoutesInParent)) {
      var errors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
      var warnings = Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
      assertThat(errors).extracting(m -> m.getId() + ": " + m.getEntry().getData()).as("cdk-nag errors").isEmpty();
      assertThat(warnings).extracting(m -> m.getId() + ": " + m.getEntry().getData()).as("cdk-nag warnings").isEmpty();
    }
    assertThat(Annotations.fromStack(canary).findError("*", Match.stringLikeRegexp("AwsSolutions-SQS.*")))
        .as("cdk-nag's findings in a nested stack").isNotEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theFlatTemplateHasEveryFunctionWithItsPolicyAndEveryRoute() {
    Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) nestedFlat.get("Resources");
    Map<String, Long> byType = new TreeMap<>();
    resources.values().forEach(r -> byType.merge((String) r.get("Type"), 1L, Long::sum));
    // publisher, 6 command, 8 projection, 8 replay reader, 8 query and 2 process functions
    assertThat(byType.get("AWS::Lambda::Function")).isGreaterThanOrEqualTo(1 + 6 + 8 + 8 + 8 + 2L);
    assertThat(byType.get("AWS::ApiGatewayV2::Route")).isEqualTo(6 * 5 + 8 * 2L);
    assertThat(byType).doesNotContainKey("AWS::CloudFormation::Stack");
    // a nested function's environment names the parent's event table by the parent's logical id, not by a parameter
    String eventTable = resources.entrySet().stream().filter(r -> r.getValue().get("Type").equals("AWS::DynamoDB::Table")
        && r.getKey().startsWith("BackendEventStore")).map(Map.Entry::getKey).findFirst().orElseThrow();
    String flat = nestedFlat.toString();
    assertThat(flat).doesNotContain("referenceto").contains("{Ref=" + eventTable + "}");
    assertThat(resources).containsKey(resources.keySet().stream().filter(id -> id.startsWith("BackendCommandsAgg0NestedStack")
        && id.contains("Commands")).findFirst().orElseThrow());
  }

  @Test
  @SuppressWarnings("unchecked")
  void inLayoutNestedTheParentsRoutesInvokeTheNestedFunctions() {
    Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) nestedRoutesInParentFlat.get("Resources");
    Map<String, Object> integrations = ofType(nestedRoutesInParentFlat, "AWS::ApiGatewayV2::Integration");
    assertThat(integrations).hasSize(6 * 5 + 8 * 2);
    integrations.forEach((id, integration) -> {
      assertThat(id).as("an integration in the parent").startsWith("BackendHttpApi");
      Object uri = ((Map<String, Object>) ((Map<String, Object>) integration).get("Properties")).get("IntegrationUri");
      // the nested stack's output, replaced by its value: the alias live of a function in a nested stack
      String alias = ((Map<String, String>) uri).get("Ref");
      assertThat(alias).as(id).matches("Backend(CommandsAgg\\d|ProjectionView\\dStack)NestedStack.*Live.*");
      assertThat(resources.get(alias).get("Type")).isEqualTo("AWS::Lambda::Alias");
    });
  }

  @Test
  void aDanglingReferenceInAFlatTemplateIsFound() throws Exception {
    var template = JSON.readTree("{\"Parameters\":{\"P\":{}},\"Resources\":{\"A\":{\"Type\":\"T\",\"Properties\":{"
        + "\"x\":{\"Ref\":\"B\"},\"y\":{\"Fn::GetAtt\":[\"A\",\"Arn\"]},\"z\":{\"Fn::Sub\":\"${P}-${C.Arn}-${AWS::Region}\"},"
        + "\"w\":{\"Ref\":\"P\"}},\"DependsOn\":[\"D\"]}}}");

    assertThat(FlatTemplate.danglingReferences(template))
        .containsExactlyInAnyOrder("Ref B in Resources.A", "Fn::Sub C in Resources.A", "DependsOn D in A");
    var conditional = JSON.readTree("{\"Conditions\":{\"K\":{\"Fn::Equals\":[\"a\",\"b\"]}},\"Mappings\":{\"M\":{}},"
        + "\"Resources\":{\"A\":{\"Type\":\"T\",\"Condition\":\"K\",\"Properties\":{\"x\":{\"Fn::If\":[\"K\",\"1\","
        + "{\"Ref\":\"AWS::NoValue\"}]},\"y\":{\"Fn::FindInMap\":[\"M\",\"k\",\"v\"]},\"z\":{\"Fn::Sub\":\"${!Literal}\"},"
        + "\"w\":{\"Fn::If\":[\"L\",\"1\",\"2\"]},\"v\":{\"Fn::FindInMap\":[\"N\",\"k\",\"v\"]}}}}}");
    assertThat(FlatTemplate.danglingReferences(conditional)).containsExactlyInAnyOrder("Fn::If L in Resources.A",
        "Fn::FindInMap N in Resources.A");
  }

  @Test
  void eachLayoutRefusesWhatItsStacksCannotHoldWithWhatToDo() {
    // one aggregate of 250 routes: 500 resources of routes alone
    Deployment routes = Deployment.of(new AppOutline("routes", List.of(new AppOutline.Aggregate("agg", "shop", List.of("Agg"),
        false, IntStream.range(0, 250).mapToObj(c -> new AppOutline.Endpoint("POST", "/agg/{id}/command-" + c)).toList())),
        List.of()));

    assertThatThrownBy(() -> new SourcedBackend(new Stack(new App(), "InParent"), "Backend",
        props(routes).stackLayout(StackLayout.NESTED).build()))
        .hasMessageContaining("Stack InParent has 523 resources; CloudFormation takes at most 500 in one stack, one of them CDK's"
            + " metadata").hasMessageContaining("2 resources per HTTP route (and 1 per function they invoke) in layout nested");
    assertThatThrownBy(() -> new SourcedBackend(new Stack(new App(), "WithRoutes"), "Backend",
        props(routes).stackLayout(StackLayout.NESTED_WITH_ROUTES).build()))
        .hasMessageContaining("Stack WithRoutes/Backend/CommandsAgg has 509 resources; CloudFormation takes at most 500 in one"
            + " stack. ")
        .hasMessageContaining("the nested stack of one component");
    assertThatThrownBy(() -> StackLayout.of("nested-stacks")).hasMessage(
        "no stack layout 'nested-stacks'; one of one-stack, nested, nested-with-routes");
    assertThat(StackLayout.of("nested-with-routes")).isEqualTo(StackLayout.NESTED_WITH_ROUTES);
  }

  @Test
  @SuppressWarnings("unchecked")
  void routesInNestedStacksUseTheParentsJwtAuthorizer() {
    Stack jwt = new Stack(new App(), "Jwt");
    new SourcedBackend(jwt, "Backend", props(Shop.deployment(false, 1)).stackLayout(StackLayout.NESTED_WITH_ROUTES)
        .jwtIssuer("https://auth.example.com/").jwtAudience(List.of("shop-api")).build());
    Map<String, Object> flat = FlatTemplate.of(jwt);

    Map<String, Object> authorizers = ofType(flat, "AWS::ApiGatewayV2::Authorizer");
    assertThat(authorizers).hasSize(1);
    String authorizer = authorizers.keySet().iterator().next();
    assertThat(authorizer).as("created with the API, in the parent").startsWith("BackendHttpApi");
    Map<String, Object> routes = ofType(flat, "AWS::ApiGatewayV2::Route");
    assertThat(routes).hasSize(2).allSatisfy((id, route) -> {
      Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) route).get("Properties");
      assertThat(id).as("in a nested stack").contains("NestedStack");
      assertThat(properties).containsEntry("AuthorizationType", "JWT").containsEntry("AuthorizerId", Map.of("Ref", authorizer));
    });
  }

  @Test
  void aBackendInANestedStackOfItsOwnFlattensTwoLevels() {
    Stack outer = new Stack(new App(), "Outer");
    NestedStack yours = new NestedStack(outer, "Yours");
    new SourcedBackend(yours, "Backend", props(Shop.deployment(false, 1)).stackLayout(StackLayout.NESTED_WITH_ROUTES).build());
    Map<String, Object> flat = FlatTemplate.of(outer);

    assertThat(ofType(flat, "AWS::CloudFormation::Stack")).isEmpty();
    // the publisher, the cart's commands, the summary's projection, replay reader and queries
    assertThat(ofType(flat, "AWS::Lambda::Function").keySet()).filteredOn(id -> !id.contains("AWS679f53fac002430cb0da5b7982bd2287"))
        .hasSize(5).allMatch(id -> id.startsWith("YoursNestedStack"));
    assertThat(ofType(flat, "AWS::ApiGatewayV2::Route")).hasSize(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aNestedStacksConditionsAndMappingsAreRenamedWithIt() {
    Stack outer = new Stack(new App(), "Conditions");
    software.amazon.awscdk.services.sqs.CfnQueue shared = software.amazon.awscdk.services.sqs.CfnQueue.Builder.create(outer, "Shared")
        .build();
    NestedStack child = new NestedStack(outer, "Child");
    software.amazon.awscdk.CfnCondition inUsEast = software.amazon.awscdk.CfnCondition.Builder.create(child, "InUsEast")
        .expression(software.amazon.awscdk.Fn.conditionEquals(software.amazon.awscdk.Aws.REGION, "us-east-1")).build();
    software.amazon.awscdk.CfnMapping delays = software.amazon.awscdk.CfnMapping.Builder.create(child, "Delays")
        .mapping(Map.of("us-east-1", Map.of("seconds", "5"))).build();
    software.amazon.awscdk.services.sqs.CfnQueue queue = software.amazon.awscdk.services.sqs.CfnQueue.Builder.create(child, "Queue")
        .queueName(software.amazon.awscdk.Fn.conditionIf(inUsEast.getLogicalId(), "east", shared.getAttrQueueName()).toString())
        .delaySeconds(software.amazon.awscdk.Token.asNumber(delays.findInMap("us-east-1", "seconds")))
        .build();
    queue.getCfnOptions().setCondition(inUsEast);
    Map<String, Object> flat = FlatTemplate.of(outer);

    Map<String, Object> queues = ofType(flat, "AWS::SQS::Queue");
    String child0 = queues.keySet().stream().filter(id -> !id.startsWith("Shared")).findFirst().orElseThrow();
    String prefix = child0.substring(0, child0.indexOf("Queue"));
    assertThat(prefix).startsWith("ChildNestedStack");
    Map<String, Object> resource = (Map<String, Object>) queues.get(child0);
    assertThat(resource.get("Condition")).isEqualTo(prefix + "InUsEast");
    assertThat((Map<String, Object>) flat.get("Conditions")).containsKey(prefix + "InUsEast");
    assertThat((Map<String, Object>) flat.get("Mappings")).containsKey(prefix + "Delays");
    String properties = resource.get("Properties").toString();
    assertThat(properties).contains("Fn::If=[" + prefix + "InUsEast", "Fn::FindInMap=[" + prefix + "Delays",
        "Fn::GetAtt=[Shared");
  }

  @Test
  void passingAnAccountsDefaultQuotaIsAWarningAtSynthesis() {
    // 4 aggregates of 76 commands: 304 routes, within every stack's limit in nested-with-routes
    Deployment routes = Deployment.of(new AppOutline("routes", IntStream.range(0, 4).mapToObj(a -> new AppOutline.Aggregate(
        "agg-" + a, "shop", List.of("Agg" + a), false, IntStream.range(0, 76).mapToObj(c -> new AppOutline.Endpoint("POST",
            "/agg-" + a + "/{id}/command-" + c)).toList())).toList(), List.of()));
    App app = new App();
    Stack many = new Stack(app, "ManyRoutes");
    new SourcedBackend(many, "Backend", props(routes).stackLayout(StackLayout.NESTED_WITH_ROUTES).build());

    assertThat(Annotations.fromStack(many).findWarning("*", Match.stringLikeRegexp(".*")))
        .extracting(m -> m.getEntry().getData().toString())
        .anyMatch(m -> m.startsWith("The HTTP API has 304 routes and as many integrations; API Gateway's default quota is 300"));
    assertThat(Annotations.fromStack(nested).findWarning("*", Match.stringLikeRegexp(".*default quota.*")))
        .as("46 routes and 10 rules").isEmpty();

    // 4 aggregates of 3 commands and 7 projections of 1 query in one stack: between 400 and 500 resources
    Deployment filling = Deployment.of(new AppOutline("filling", IntStream.range(0, 4).mapToObj(a -> new AppOutline.Aggregate(
        "agg-" + a, "shop", List.of("Agg" + a), false, IntStream.range(0, 3).mapToObj(c -> new AppOutline.Endpoint("POST",
            "/agg-" + a + "/{id}/command-" + c)).toList())).toList(),
        IntStream.range(0, 7).mapToObj(p -> new AppOutline.Projection("view-" + p, 1, "shop", List.of("View" + p),
            List.of("Created" + p), List.of(new AppOutline.Endpoint("GET", "/view-" + p + "/{id}")))).toList()));
    Stack oneStack = new Stack(new App(), "Filling");
    new SourcedBackend(oneStack, "Backend", props(filling).build());
    int count = ResourceLimit.counts(oneStack).get(oneStack);
    assertThat(count).isBetween(ResourceLimit.FILLING + 1, ResourceLimit.MAX - 1);
    assertThat(Annotations.fromStack(oneStack).findWarning("*", Match.stringLikeRegexp(".*")))
        .extracting(m -> m.getEntry().getData().toString())
        .anyMatch(m -> m.startsWith("Stack Filling has " + count + " of the 500 resources CloudFormation takes in one stack"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theStateKeepsItsLogicalIdsAcrossLayouts() {
    // the same small app in one stack and in nested stacks: tables, and a process manager's queues and schedules
    Deployment small = Deployment.of(new AppOutline("small", List.of(new AppOutline.Aggregate("cart", "shop", List.of("Cart"),
        true, List.of(new AppOutline.Endpoint("POST", "/cart/{cartId}/open")))), List.of(new AppOutline.Projection("summary", 2,
        "shop", List.of("Summary"), List.of("Opened"), List.of(new AppOutline.Endpoint("GET", "/summary/{cartId}")))),
        List.of(new AppOutline.ProcessManager("reminder", "shop", List.of("Reminder"), List.of("Opened"), List.of("cart"),
            List.of("remind")))));
    App app = new App();
    Stack single = new Stack(app, "Small");
    new SourcedBackend(single, "Backend", props(small).build());
    Stack split = new Stack(app, "SmallNested");
    new SourcedBackend(split, "Backend", props(small).stackLayout(StackLayout.NESTED).build());
    Stack splitWithRoutes = new Stack(app, "SmallNestedWithRoutes");
    new SourcedBackend(splitWithRoutes, "Backend", props(small).stackLayout(StackLayout.NESTED_WITH_ROUTES).build());
    Map<String, Object> one = Template.fromStack(single).toJSON();
    Map<String, Object> parent = Template.fromStack(split).toJSON();
    Map<String, Object> parentWithoutRoutes = Template.fromStack(splitWithRoutes).toJSON();

    for (String type : List.of("AWS::DynamoDB::Table", "AWS::Scheduler::ScheduleGroup")) {
      assertThat(ofType(parent, type)).as(type).isEqualTo(ofType(one, type)).isNotEmpty();
      assertThat(ofType(parentWithoutRoutes, type)).as(type).isEqualTo(ofType(one, type));
    }
    for (String type : List.of("AWS::SQS::Queue", "AWS::IAM::Role")) {
      // the publisher (its failure queue and role) and the process manager's queues and scheduler role stay, exactly; a
      // projection's queues and the other functions' roles move
      for (Map<String, Object> layout : List.of(parent, parentWithoutRoutes)) {
        assertThat(ofType(layout, type)).as(type).isEqualTo(ofType(one, type).entrySet().stream()
            .filter(e -> e.getKey().startsWith("BackendProcessManagerReminder") && !e.getKey().startsWith("BackendProcessManagerReminderProcess")
                || e.getKey().startsWith("BackendPublisher"))
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
      }
    }
    assertThat(ofType(parent, "AWS::SQS::Queue")).hasSize(3);
    assertThat(ofType(parent, "AWS::IAM::Role")).hasSize(2);
    assertThat(ofType(one, "AWS::DynamoDB::Table")).hasSize(5); // events, snapshots, summary v1 and v2, reminder
    // layout NESTED: the routes and their integrations keep their logical ids (API Gateway refuses a second route with a
    // key, so a route that moved would fail the update); only what they point at changes
    for (String type : List.of("AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Integration")) {
      assertThat(ofType(parent, type).keySet()).as(type).isEqualTo(ofType(one, type).keySet()).hasSize(2);
      assertThat(ofType(parentWithoutRoutes, type)).as(type).isEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resourcesOf(Map<String, Object> template) {
    return (Map<String, Object>) template.get("Resources");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(Path file) {
    try {
      return JSON.readValue(file.toFile(), Map.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> ofType(Map<String, Object> template, String type) {
    Map<String, Object> found = new TreeMap<>();
    ((Map<String, Map<String, Object>>) template.get("Resources")).forEach((id, resource) -> {
      if (type.equals(resource.get("Type"))) {
        found.put(id, resource);
      }
    });
    return found;
  }
}
