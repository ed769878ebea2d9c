package dev.sourced.local.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.local.cloud.AppDescription;
import dev.sourced.runtime.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Calls set against a template's policies: what would be denied, what is granted and unused. */
class DeployedPoliciesTest {
  private static final String TEMPLATE = """
      {"Resources": {
        "Events": {"Type": "AWS::DynamoDB::Table"},
        "Role1": {"Type": "AWS::IAM::Role"},
        "Policy1": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"Roles": [{"Ref": "Role1"}], "PolicyDocument": {"Statement": [
          {"Action": ["dynamodb:Query", "dynamodb:PutItem"], "Resource": {"Fn::GetAtt": ["Events", "Arn"]}},
          {"Action": "dynamodb:ListStreams", "Resource": "*"},
          {"Action": "logs:PutLogEvents", "Resource": {"Fn::GetAtt": ["Logs", "Arn"]}}]}}},
        "Function1": {"Type": "AWS::Lambda::Function", "Properties": {"Handler": "shop.CartCommandsLambda::handleRequest",
          "Role": {"Fn::GetAtt": ["Role1", "Arn"]}, "Environment": {"Variables": {"SOURCED_EVENT_TABLE": {"Ref": "Events"}}}}}
      }}
      """;

  private static DeployedPolicies policies() throws Exception {
    Map<String, Object> template = new ObjectMapper().readValue(TEMPLATE, new TypeReference<>() {});
    AppDescription app = new AppDescription("shop", "shop.SourcedApp",
        List.of(new AppDescription.Function("cart-commands", "commands", "shop.CartCommandsLambda", "cart")), List.of());
    Topology topology = new Topology("shop", "shop-events", null, "shop-bus", "shop-publisher-failures", List.of());
    return DeployedPolicies.of(template, app, topology, function -> Map.of("SOURCED_EVENT_TABLE", "shop-events", "SOURCED_APP", "shop"));
  }

  @Test
  void callsOutsideThePolicyAreDenied() throws Exception {
    DeployedPolicies policies = policies();
    Set<AwsCalls.Call> calls = Set.of(
        new AwsCalls.Call("cart-commands", "dynamodb:Query", "table:shop-events"),
        new AwsCalls.Call("cart-commands", "dynamodb:ListStreams", "*"),
        new AwsCalls.Call("cart-commands", "dynamodb:DeleteItem", "table:shop-events"),
        new AwsCalls.Call("cart-commands", "dynamodb:Query", "table:another-table"));

    assertThat(policies.denied(calls)).isEqualTo(Map.of("cart-commands", Set.of(
        "dynamodb:DeleteItem on table:shop-events",
        "dynamodb:Query on table:another-table (a resource its deployed environment does not name)")));
  }

  @Test
  void grantedPermissionsNoCallUsedAreReported_logsAside() throws Exception {
    DeployedPolicies policies = policies();
    Set<AwsCalls.Call> calls = Set.of(new AwsCalls.Call("cart-commands", "dynamodb:Query", "table:shop-events"));

    assertThat(policies.denied(calls)).isEmpty();
    assertThat(policies.unused(calls)).isEqualTo(Map.of("cart-commands", Set.of("dynamodb:PutItem", "dynamodb:ListStreams")));
    assertThat(policies.grants("cart-commands")).contains(new DeployedPolicies.Grant("dynamodb:Query", "Events.Arn"));
  }

  @Test
  void aFunctionTheAppModelDoesNotKnowIsAnError() throws Exception {
    DeployedPolicies policies = policies();
    assertThatThrownBy(() -> policies.denied(Set.of(new AwsCalls.Call("nobody", "dynamodb:Query", "table:shop-events"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no function 'nobody'");
  }
}
