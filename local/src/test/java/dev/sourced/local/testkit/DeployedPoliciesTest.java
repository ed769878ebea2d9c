package dev.sourced.local.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.deployment.AppOutline;
import dev.sourced.deployment.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Calls and a template set against a deployment's grants: what would be denied, what is granted and unused, what the template grants otherwise. */
class DeployedPoliciesTest {
  /** A cart (commands only) and the publisher. */
  private static final Deployment SHOP = Deployment.of(new AppOutline("shop",
      List.of(new AppOutline.Aggregate("cart", "shop", List.of("Cart"), false, List.of(new AppOutline.Endpoint("POST", "/cart/{id}")))),
      List.of()));

  /** The cart's function with a policy that grants one action more than its description: Scan. No publisher. */
  private static final String TEMPLATE = """
      {"Resources": {
        "Events": {"Type": "AWS::DynamoDB::Table"},
        "Logs": {"Type": "AWS::Logs::LogGroup"},
        "Role1": {"Type": "AWS::IAM::Role"},
        "Policy1": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"Roles": [{"Ref": "Role1"}], "PolicyDocument": {"Statement": [
          {"Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": {"Fn::GetAtt": ["Logs", "Arn"]}},
          {"Action": ["dynamodb:Query", "dynamodb:PutItem", "dynamodb:Scan"], "Resource": {"Fn::GetAtt": ["Events", "Arn"]},
           "Condition": {"ForAllValues:StringLike": {"dynamodb:LeadingKeys":
             ["cart#*", "idempotency#cart#*", "unique#cart#*", "unique-owner#cart#*"]}}}]}}},
        "Function1": {"Type": "AWS::Lambda::Function", "Properties": {"Handler": "shop.SourcedLambdas$CartCommandsLambda::handleRequest",
          "Role": {"Fn::GetAtt": ["Role1", "Arn"]}, "LoggingConfig": {"LogGroup": {"Ref": "Logs"}},
          "Environment": {"Variables": {"SOURCED_EVENT_TABLE": {"Ref": "Events"}}}}}
      }}
      """;

  @Test
  void callsOutsideTheGrantsAreDenied() {
    Set<AwsCalls.Call> calls = Set.of(
        new AwsCalls.Call("cart-commands", "dynamodb:Query", "table:shop-events", "cart#c1"),
        new AwsCalls.Call("cart-commands", "dynamodb:PutItem", "table:shop-events", "idempotency#cart#c1#k1"),
        new AwsCalls.Call("cart-commands", "dynamodb:PutItem", "table:shop-events", "account#a1"),
        new AwsCalls.Call("cart-commands", "dynamodb:DeleteItem", "table:shop-events", "cart#c1"),
        new AwsCalls.Call("cart-commands", "dynamodb:Query", "table:another-table"),
        new AwsCalls.Call("publisher", "dynamodb:ListStreams", "*"),
        new AwsCalls.Call("publisher", "dynamodb:GetRecords", "stream:(by shard iterator)"));

    // another aggregate's stream is denied: the grant names the cart's partition keys
    assertThat(DeployedPolicies.of(SHOP).denied(calls)).isEqualTo(Map.of("cart-commands", Set.of(
        "dynamodb:DeleteItem on table:shop-events for key cart#c1", "dynamodb:Query on table:another-table",
        "dynamodb:PutItem on table:shop-events for key account#a1")));
  }

  @Test
  void grantedPermissionsNoCallUsedAreReported_logsAside() {
    Set<AwsCalls.Call> calls = Set.of(new AwsCalls.Call("cart-commands", "dynamodb:Query", "table:shop-events", "cart#c1"));

    assertThat(DeployedPolicies.of(SHOP).denied(calls)).isEmpty();
    assertThat(DeployedPolicies.of(SHOP).unused(calls)).isEqualTo(Map.of(
        "cart-commands", Set.of("dynamodb:PutItem"),
        "publisher", Set.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams",
            "events:PutEvents", "sqs:SendMessage")));
  }

  @Test
  void aTemplateGrantingOtherwiseThanTheDescriptionIsReported() throws Exception {
    Map<String, Object> template = new ObjectMapper().readValue(TEMPLATE, new TypeReference<>() {});

    assertThat(DeployedPolicies.of(SHOP).differencesFrom(template)).isEqualTo(Map.of(
        "cart-commands", Set.of("+ dynamodb:Scan on table:shop-events for keys [cart#*, idempotency#cart#*, unique#cart#*,"
            + " unique-owner#cart#*]"),
        "publisher", Set.of("not in the template (no function with handler dev.sourced.runtime.lambda.EventPublisherLambda)")));
  }

  /** The cart's route to its function's alias, with the API's permission to invoke it for that route. */
  private static final String ROUTE = """
        "Alias1": {"Type": "AWS::Lambda::Alias", "Properties": {"FunctionName": {"Ref": "Function1"}}},
        "Integration1": {"Type": "AWS::ApiGatewayV2::Integration", "Properties": {"IntegrationUri": {"Ref": "Alias1"}}},
        "Route1": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {"RouteKey": "POST /cart/{id}", "ApiId": {"Ref": "Api"},
          "Target": {"Fn::Join": ["", ["integrations/", {"Ref": "Integration1"}]]}}},
        "Permission1": {"Type": "AWS::Lambda::Permission", "Properties": {"Action": "lambda:InvokeFunction",
          "FunctionName": {"Ref": "Alias1"}, "Principal": "apigateway.amazonaws.com",
          "SourceArn": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":execute-api:", {"Ref": "Api"}, "/*/*/cart/{id}"]]}}},
      """;

  @Test
  void aTemplatesRoutesAreSetAgainstTheDescriptions() throws Exception {
    DeployedPolicies policies = DeployedPolicies.of(SHOP);

    assertThat(policies.routeDifferencesFrom(withRoute(ROUTE))).isEmpty();
    assertThat(policies.routeDifferencesFrom(withRoute(""))).containsExactly("- POST /cart/{id}: not in the template");
    assertThat(policies.routeDifferencesFrom(withRoute(ROUTE.replace("\"IntegrationUri\": {\"Ref\": \"Alias1\"}",
        "\"IntegrationUri\": {\"Ref\": \"Alias2\"}")))).containsExactly("POST /cart/{id}: invokes no function, not cart-commands");
    assertThat(policies.routeDifferencesFrom(withRoute(ROUTE.replace("/*/*/cart/{id}", "/*/*/cart/{other}"))))
        .containsExactly("POST /cart/{id}: the API may not invoke cart-commands for it (no Lambda permission)");
    // one permission for all the API's routes to the function is enough; one for another API, or another principal, is not
    assertThat(policies.routeDifferencesFrom(withRoute(ROUTE.replace("/*/*/cart/{id}", "/*/*/*")))).isEmpty();
    assertThat(policies.routeDifferencesFrom(withRoute(ROUTE.replace("{\"Ref\": \"Api\"}, \"/*/*", "{\"Ref\": \"OtherApi\"}, \"/*/*"))))
        .containsExactly("POST /cart/{id}: the API may not invoke cart-commands for it (no Lambda permission)");
    assertThat(policies.routeDifferencesFrom(withRoute(ROUTE.replace("apigateway.amazonaws.com", "events.amazonaws.com"))))
        .containsExactly("POST /cart/{id}: the API may not invoke cart-commands for it (no Lambda permission)");
    // a route to another function of the template
    assertThat(policies.routeDifferencesFrom(withRoute(ROUTE.replace("{\"FunctionName\": {\"Ref\": \"Function1\"}}",
        "{\"FunctionName\": {\"Ref\": \"Function2\"}}") + """
          "Function2": {"Type": "AWS::Lambda::Function", "Properties": {"Handler": "shop.Other::handleRequest"}},
        """))).containsExactly("POST /cart/{id}: invokes template function Function2 (handler shop.Other::handleRequest), not"
            + " cart-commands");
    assertThat(policies.routeDifferencesFrom(withRoute(ROUTE + ROUTE.replace("Route1", "Route2").replace("Permission1", "Permission2")
        .replace("Alias1\": {", "Alias3\": {").replace("Integration1\": {", "Integration3\": {").replace("POST /cart/{id}",
            "GET /other")))).containsExactly("+ GET /other: not in the description");
  }

  private static Map<String, Object> withRoute(String route) throws Exception {
    return new ObjectMapper().readValue(TEMPLATE.replace("{\"Resources\": {", "{\"Resources\": {" + route),
        new TypeReference<>() {});
  }

  @Test
  void aFunctionTheDeploymentDoesNotKnowIsAnError() {
    assertThatThrownBy(() -> DeployedPolicies.of(SHOP).denied(Set.of(new AwsCalls.Call("nobody", "dynamodb:Query", "table:shop-events"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no function 'nobody'");
  }
}
