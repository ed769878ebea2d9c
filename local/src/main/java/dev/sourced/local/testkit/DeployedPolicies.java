package dev.sourced.local.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.deployment.Deployment;
import dev.sourced.deployment.FunctionSpec;
import dev.sourced.deployment.Grant;
import dev.sourced.deployment.HandlerNames;
import dev.sourced.deployment.Resource;
import dev.sourced.deployment.RouteSpec;
import dev.sourced.deployment.Setting;
import dev.sourced.deployment.Trigger;
import dev.sourced.deployment.WorkflowSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Least privilege, checked both ways against the one list of permissions, the deployment description's
 * grants: the calls an app's functions made on the local cloud ({@link AwsCalls}) against them (which calls
 * a function's grants would deny, which granted permissions no call used), and a synthesized template
 * against them (whether each function's deployed policy allows exactly its grants, no more, no less). A
 * resource is named as the description names it ({@code table:shopping-cart-events}), which on the local
 * cloud is its name; in the template, a function is found by its handler, and the resources its policy names
 * through what connects them to the description: its environment variables, its event source mappings and
 * its log group.
 *
 * <pre>{@code
 * AwsCalls.start();                                // before the local cloud starts
 * ... exercise the app through the cloud ...
 * Set<AwsCalls.Call> calls = AwsCalls.stop();
 * DeployedPolicies policies = DeployedPolicies.of(cloud.cloud().deployment());
 * assertThat(policies.denied(calls)).isEmpty();
 * assertThat(policies.differencesFrom(Template.fromStack(stack).toJSON())).isEmpty();
 * }</pre>
 */
public final class DeployedPolicies {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What {@link AwsCalls} records for a stream call made with a shard iterator, which names no stream. */
  private static final String BY_SHARD_ITERATOR = "stream:(by shard iterator)";

  private final Deployment deployment;

  private DeployedPolicies(Deployment deployment) {
    this.deployment = deployment;
  }

  /** @param deployment the app's deployment description, e.g. {@code cloud.deployment()} */
  public static DeployedPolicies of(Deployment deployment) {
    return new DeployedPolicies(deployment);
  }

  /**
   * @return per function, each call its grants would deny (AccessDenied in AWS), as
   *     {@code dynamodb:PutItem on table:shop-events}; empty when every call is allowed
   */
  public Map<String, Set<String>> denied(Collection<AwsCalls.Call> calls) {
    Map<String, Set<String>> denied = new TreeMap<>();
    for (AwsCalls.Call call : calls) {
      if (grantsFor(call).isEmpty()) {
        denied.computeIfAbsent(call.function(), f -> new TreeSet<>()).add(call.action() + " on " + call.resource()
            + (call.key() == null ? "" : " for key " + call.key()));
      }
    }
    return denied;
  }

  /**
   * @return per function, the actions its grants allow that no call used (its own log group's
   *     {@code logs:} actions aside, which Lambda uses, not the function's code)
   */
  public Map<String, Set<String>> unused(Collection<AwsCalls.Call> calls) {
    Set<String> used = new HashSet<>();
    calls.forEach(call -> grantsFor(call).forEach(permission -> used.add(call.function() + " " + permission)));
    Map<String, Set<String>> unused = new TreeMap<>();
    for (FunctionSpec function : deployment.functions()) {
      for (Grant.Permission permission : function.permissions()) {
        if (permission.resource().kind() != Resource.Kind.LOG_GROUP && !used.contains(function.name() + " " + permission)) {
          unused.computeIfAbsent(function.name(), f -> new TreeSet<>()).add(permission.action());
        }
      }
    }
    return unused;
  }

  /** @return the function's granted permissions that allow the call */
  private List<Grant.Permission> grantsFor(AwsCalls.Call call) {
    return function(call.function()).permissions().stream().filter(p -> p.action().equals(call.action())
        && (p.resource().toString().equals(call.resource()) || p.resource().equals(Resource.ANY)
        || call.resource().equals(BY_SHARD_ITERATOR) && p.resource().kind() == Resource.Kind.STREAM)
        // a grant limited to some partition keys allows only calls touching those; IAM denies a request whose key it
        // cannot tell under such a condition
        && (p.leadingKeys().isEmpty() || call.key() != null && p.allowsKey(call.key()))).toList();
  }

  private FunctionSpec function(String name) {
    return deployment.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("no function '" + name + "' in the deployment of " + deployment.app() + "; functions: "
            + deployment.functions().stream().map(FunctionSpec::name).toList()));
  }

  /**
   * @param template a synthesized template, e.g. {@code Template.fromStack(stack).toJSON()}
   * @return per function, each permission its deployed policy grants beyond its description's grants
   *     ({@code + dynamodb:Scan on table:…}) or lacks ({@code - …}); empty when the template deploys exactly
   *     the description's permissions
   */
  public Map<String, Set<String>> differencesFrom(Map<String, Object> template) {
    JsonNode resources = JSON.valueToTree(template).get("Resources");
    Map<String, Set<String>> differences = new TreeMap<>();
    for (FunctionSpec function : deployment.functions()) {
      Set<String> deployed = deployedPermissions(resources, function);
      if (deployed == null) {
        differences.put(function.name(), Set.of("not in the template (no function with handler " + function.handler() + ")"));
        continue;
      }
      Set<String> described = new TreeSet<>();
      function.permissions().forEach(p -> described.add(p.toString()));
      Set<String> difference = difference(deployed, described);
      if (!difference.isEmpty()) {
        differences.put(function.name(), difference);
      }
    }
    return differences;
  }

  /** @return the permissions the template's policy of a function grants, resources named as the description names them; null without the function */
  private static Set<String> deployedPermissions(JsonNode resources, FunctionSpec function) {
    String logicalId = null;
    for (var entry : iterable(resources.fields())) {
      JsonNode properties = entry.getValue().path("Properties");
      if (entry.getValue().path("Type").asText().equals("AWS::Lambda::Function")
          && properties.path("Handler").asText().equals(function.handler() + HandlerNames.METHOD)
          && sameLiterals(properties.path("Environment").path("Variables"), function)) {
        logicalId = entry.getKey();
      }
    }
    if (logicalId == null) {
      return null;
    }
    JsonNode properties = resources.get(logicalId).get("Properties");
    Map<String, Resource> names = names(resources, logicalId, properties, function);
    return rolePermissions(resources, properties.path("Role").path("Fn::GetAtt").path(0).asText(), names);
  }

  /**
   * @return what the customer-managed policies of a role allow, as {@code action on resource}, the resources named as
   *     {@code names} names their template references ({@code Table1.Arn}, or an alias's {@code Ref})
   */
  private static Set<String> rolePermissions(JsonNode resources, String role, Map<String, Resource> names) {
    Set<String> permissions = new TreeSet<>();
    for (JsonNode resource : resources) {
      if (resource.path("Type").asText().equals("AWS::IAM::ManagedPolicy")
          && resource.path("Properties").path("Roles").findValuesAsText("Ref").contains(role)) {
        for (JsonNode statement : resource.path("Properties").path("PolicyDocument").path("Statement")) {
          JsonNode keys = statement.path("Condition").path("ForAllValues:StringLike").path("dynamodb:LeadingKeys");
          JsonNode passedTo = statement.path("Condition").path("StringEquals").path("iam:PassedToService");
          String limited = (keys.isMissingNode() ? "" : " for keys " + strings(keys))
              + (passedTo.isMissingNode() ? "" : " passed to " + passedTo.asText());
          for (String action : strings(statement.get("Action"))) {
            JsonNode targets = statement.get("Resource");
            for (JsonNode target : targets.isArray() ? targets : JSON.createArrayNode().add(targets)) {
              String reference = target.has("Ref") ? target.get("Ref").asText() : reference(target);
              Resource named = reference.equals("*") ? Resource.ANY : names.get(reference);
              permissions.add(action + " on " + (named == null ? "(template resource " + reference + ")" : named) + limited);
            }
          }
        }
      }
    }
    return permissions;
  }

  /** @return {@code + p} for each deployed permission not described, {@code - p} for each described one not deployed */
  private static Set<String> difference(Set<String> deployed, Set<String> described) {
    Set<String> difference = new TreeSet<>();
    deployed.stream().filter(p -> !described.contains(p)).forEach(p -> difference.add("+ " + p));
    described.stream().filter(p -> !deployed.contains(p)).forEach(p -> difference.add("- " + p));
    return difference;
  }

  /**
   * @return the template's references ({@code Events1234.Arn}) of the resources the description names for the
   *     function, found through what connects both: environment variables, event source mappings, the log group
   */
  private static Map<String, Resource> names(JsonNode resources, String logicalId, JsonNode properties, FunctionSpec function) {
    Map<String, Resource> names = new HashMap<>();
    function.environment().forEach((variable, setting) -> {
      JsonNode value = properties.path("Environment").path("Variables").path(variable);
      String referenced = value.path("Ref").asText(null);
      if (setting instanceof Setting.NameOf name && value.has("Fn::GetAtt")) {
        names.put(reference(value), name.resource()); // a role's setting is its ARN
      }
      if (referenced != null && setting instanceof Setting.NameOf name && name.resource().kind() == Resource.Kind.SCHEDULE_GROUP) {
        names.put(referenced + ".Schedules", name.resource()); // grants apply to the group's schedules
      }
      if (referenced != null && setting instanceof Setting.NameOf name) {
        names.put(referenced + ".Arn", name.resource());
        if (name.resource().kind() == Resource.Kind.TABLE) {
          names.put(referenced + ".StreamArn", Resource.streamOf(name.resource().name()));
        }
      }
    });
    String logGroup = properties.path("LoggingConfig").path("LogGroup").path("Ref").asText(null);
    if (logGroup != null) {
      names.put(logGroup + ".Arn", new Resource(Resource.Kind.LOG_GROUP, function.name()));
    }
    String alias = null;
    for (var entry : iterable(resources.fields())) {
      if (entry.getValue().path("Type").asText().equals("AWS::Lambda::Alias")
          && entry.getValue().path("Properties").path("FunctionName").path("Ref").asText().equals(logicalId)) {
        alias = entry.getKey();
      }
    }
    // a function's mappings are in the template in the order of its triggers
    int mappings = 0;
    for (JsonNode resource : resources) {
      JsonNode mapping = resource.path("Properties");
      if (resource.path("Type").asText().equals("AWS::Lambda::EventSourceMapping")
          && mapping.path("FunctionName").findValuesAsText("Ref").contains(alias) && mappings < function.triggers().size()) {
        String source = reference(mapping.get("EventSourceArn"));
        Trigger trigger = function.triggers().get(mappings++);
        if (trigger instanceof Trigger.Stream stream) {
          names.put(source, Resource.streamOf(stream.table()));
          JsonNode onFailure = mapping.path("DestinationConfig").path("OnFailure").path("Destination");
          names.put(reference(onFailure), Resource.queue(stream.onFailure()));
        } else if (trigger instanceof Trigger.Queue queue) {
          names.put(source, Resource.queue(queue.queue()));
        }
      }
    }
    return names;
  }

  /** @return whether a template function's environment holds the literal settings the description gives the function */
  private static boolean sameLiterals(JsonNode variables, FunctionSpec function) {
    return function.environment().entrySet().stream().filter(e -> e.getValue() instanceof Setting.Literal)
        .allMatch(e -> variables.path(e.getKey()).asText("").equals(((Setting.Literal) e.getValue()).value()));
  }

  /**
   * @param template a synthesized template
   * @return per workflow, each permission its state machine's customer-managed policy grants beyond the description's
   *     grants ({@code + …}) or lacks ({@code - …}); empty when each deploys exactly its grants. The function a grant
   *     names is found through the definition's substitutions, which name its alias
   */
  public Map<String, Set<String>> workflowDifferencesFrom(Map<String, Object> template) {
    JsonNode resources = JSON.valueToTree(template).get("Resources");
    Map<String, Set<String>> differences = new TreeMap<>();
    for (WorkflowSpec workflow : deployment.workflows()) {
      Map<String, Resource> names = new HashMap<>();
      String role = null;
      for (JsonNode resource : resources) {
        JsonNode properties = resource.path("Properties");
        if (!resource.path("Type").asText().equals("AWS::StepFunctions::StateMachine")) {
          continue;
        }
        Map<String, Resource> candidate = new HashMap<>();
        boolean matches = true;
        for (var placeholder : workflow.functions().entrySet()) {
          String alias = properties.path("DefinitionSubstitutions").path(placeholder.getKey()).path("Ref").asText(null);
          String function = alias == null ? null : resources.path(alias).path("Properties").path("FunctionName").path("Ref").asText(null);
          matches &= function != null && functionOf(resources, deployment.function(placeholder.getValue())).equals(function);
          candidate.put(alias, Resource.function(placeholder.getValue()));
        }
        if (matches) {
          names = candidate;
          role = properties.path("RoleArn").path("Fn::GetAtt").path(0).asText();
        }
      }
      if (role == null) {
        differences.put(workflow.name(), Set.of("not in the template"));
        continue;
      }
      Set<String> described = new TreeSet<>();
      workflow.grants().forEach(grant -> grant.permissions().forEach(p -> described.add(p.toString())));
      Set<String> difference = difference(rolePermissions(resources, role, names), described);
      if (!difference.isEmpty()) {
        differences.put(workflow.name(), difference);
      }
    }
    return differences;
  }

  /**
   * @param template a synthesized template, e.g. {@code FlatTemplate.of(stack)} for a stack with nested stacks
   * @return how the template's HTTP routes differ from the description's: {@code - POST /cart/{id}: not in the template},
   *     {@code + GET /x: not in the description}, a route that invokes another function than its description's, or one whose
   *     function does not let the route's API invoke it, for that route or for all the API's routes (no
   *     {@code AWS::Lambda::Permission}); empty when each described route, and no other, reaches its function
   */
  public Set<String> routeDifferencesFrom(Map<String, Object> template) {
    JsonNode resources = JSON.valueToTree(template).get("Resources");
    Map<String, List<String>> routes = new TreeMap<>();
    for (var entry : iterable(resources.fields())) {
      if (entry.getValue().path("Type").asText().equals("AWS::ApiGatewayV2::Route")) {
        routes.computeIfAbsent(entry.getValue().path("Properties").path("RouteKey").asText(), k -> new ArrayList<>()).add(entry.getKey());
      }
    }
    // by the alias they name: the source ARNs of API Gateway's permissions to invoke it
    Map<String, List<String>> apiInvokeArns = new HashMap<>();
    for (JsonNode resource : resources) {
      JsonNode properties = resource.path("Properties");
      if (resource.path("Type").asText().equals("AWS::Lambda::Permission")
          && properties.path("Action").asText().equals("lambda:InvokeFunction")
          && properties.path("Principal").asText().equals("apigateway.amazonaws.com")) {
        apiInvokeArns.computeIfAbsent(properties.path("FunctionName").path("Ref").asText(), a -> new ArrayList<>())
            .add(properties.path("SourceArn").toString());
      }
    }
    Set<String> differences = new TreeSet<>();
    Set<String> described = new HashSet<>();
    for (RouteSpec route : deployment.routes()) {
      String key = route.method() + " " + route.path();
      described.add(key);
      List<String> found = routes.getOrDefault(key, List.of());
      if (found.size() != 1) {
        differences.add(found.isEmpty() ? "- " + key + ": not in the template" : key + ": " + found.size() + " routes");
        continue;
      }
      JsonNode target = resources.path(found.get(0)).path("Properties").path("Target");
      String integration = target.findValuesAsText("Ref").stream().findFirst().orElse("");
      String alias = resources.path(integration).path("Properties").path("IntegrationUri").path("Ref").asText("");
      String invoked = resources.path(alias).path("Properties").path("FunctionName").path("Ref").asText("");
      String expected = functionOf(resources, deployment.function(route.function()));
      if (expected.isEmpty() || !expected.equals(invoked)) {
        differences.add(key + ": invokes " + (invoked.isEmpty() ? "no function" : "template function " + invoked + " (handler "
            + resources.path(invoked).path("Properties").path("Handler").asText() + ")") + ", not " + route.function());
        continue;
      }
      // the API's permission to invoke the function: for this route, or for all its routes (execute-api ARN …/*/*/*)
      String api = resources.path(found.get(0)).path("Properties").path("ApiId").toString();
      boolean permitted = apiInvokeArns.getOrDefault(alias, List.of()).stream().anyMatch(sourceArn -> sourceArn.contains(api)
          && (sourceArn.contains("/*/*" + route.path() + "\"") || sourceArn.contains("/*/*/*\"")));
      if (!permitted) {
        differences.add(key + ": the API may not invoke " + route.function() + " for it (no Lambda permission)");
      }
    }
    routes.keySet().stream().filter(key -> !described.contains(key)).forEach(key -> differences.add("+ " + key + ": not in the description"));
    return differences;
  }

  /** @return the logical id of the template's function that is the description's {@code function} */
  private static String functionOf(JsonNode resources, FunctionSpec function) {
    for (var entry : iterable(resources.fields())) {
      JsonNode properties = entry.getValue().path("Properties");
      if (entry.getValue().path("Type").asText().equals("AWS::Lambda::Function")
          && properties.path("Handler").asText().equals(function.handler() + HandlerNames.METHOD)
          && sameLiterals(properties.path("Environment").path("Variables"), function)) {
        return entry.getKey();
      }
    }
    return "";
  }

  /** @return {@code {"Fn::GetAtt": ["Table1", "Arn"]}} → {@code Table1.Arn}; {@code "*"} → {@code *} */
  private static String reference(JsonNode target) {
    if (target.isTextual()) {
      return target.asText();
    }
    JsonNode getAtt = target.get("Fn::GetAtt");
    if (getAtt == null && target.has("Fn::Join") && target.toString().contains(":schedule/")) {
      // arn:<partition>:scheduler:<region>:<account>:schedule/<group>/*
      List<String> refs = target.findValuesAsText("Ref").stream().filter(ref -> !ref.startsWith("AWS::")).toList();
      return refs.isEmpty() ? target.toString() : refs.get(0) + ".Schedules";
    }
    return getAtt == null ? target.toString() : getAtt.get(0).asText() + "." + getAtt.get(1).asText();
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(value -> values.add(value.asText()));
    } else {
      values.add(node.asText());
    }
    return values;
  }

  private static <T> Iterable<T> iterable(Iterator<T> iterator) {
    return () -> iterator;
  }
}
