package dev.sourced.local.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourced.local.cloud.AppDescription;
import dev.sourced.local.cloud.LocalCloud;
import dev.sourced.runtime.topology.Topology;
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
import java.util.function.Function;

/**
 * The IAM policies a synthesized Sourced stack gives each function of an app, set against the calls
 * its functions made on the {@link LocalCloud} ({@link AwsCalls}): which calls the deployed policy
 * would deny, and which granted permissions no call used. A function is found in the template by its
 * handler; its policy is the customer-managed policy on its role. Local names are matched to the
 * template's resources through what connects them in both: the {@code SOURCED_*} environment
 * variables (tables, bus) and the event source mappings (stream, queue, on-failure queue).
 *
 * <pre>{@code
 * AwsCalls.start();                                // before the local cloud starts
 * ... exercise the app through the cloud ...
 * Set<AwsCalls.Call> calls = AwsCalls.stop();
 * DeployedPolicies policies = DeployedPolicies.of(Template.fromStack(stack).toJSON(), cloud.cloud());
 * assertThat(policies.denied(calls)).isEmpty();
 * }</pre>
 */
public final class DeployedPolicies {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A permission in a function's policy: an action on a template resource ({@code <logical id>.<attribute>}), or on {@code *}. */
  public record Grant(String action, String resource) {}

  /**
   * @param grants what the function's policy allows
   * @param names local resource names ({@code table:shop-events}) → the template resources they are deployed as
   */
  private record Deployed(Set<Grant> grants, Map<String, String> names) {}

  private final Map<String, Deployed> functions = new TreeMap<>();

  private DeployedPolicies(JsonNode resources, AppDescription description, Topology topology,
      Function<AppDescription.Function, Map<String, String>> settings) {
    for (AppDescription.Function function : description.functions()) {
      functions.put(function.name(), deployed(resources, function, topology, settings.apply(function)));
    }
  }

  /**
   * @param template the synthesized template, e.g. {@code Template.fromStack(stack).toJSON()}
   * @param cloud the local cloud running the same app
   */
  public static DeployedPolicies of(Map<String, Object> template, LocalCloud cloud) {
    return of(template, cloud.description(), cloud.topology(), cloud::settings);
  }

  /**
   * @param template the synthesized template
   * @param description the app's functions
   * @param topology the app's resource names, as the local cloud creates them
   * @param settings each function's local {@code SOURCED_*} settings ({@link LocalCloud#settings})
   */
  public static DeployedPolicies of(Map<String, Object> template, AppDescription description, Topology topology,
      Function<AppDescription.Function, Map<String, String>> settings) {
    return new DeployedPolicies(JSON.valueToTree(template).get("Resources"), description, topology, settings);
  }

  /** @return the permissions the function's deployed policy grants */
  public Set<Grant> grants(String function) {
    return Set.copyOf(require(function).grants());
  }

  /**
   * @return per function, each call its deployed policy would deny (AccessDenied in AWS), as
   *     {@code dynamodb:PutItem on table:shop-events}; empty when every call is allowed
   */
  public Map<String, Set<String>> denied(Collection<AwsCalls.Call> calls) {
    Map<String, Set<String>> denied = new TreeMap<>();
    for (AwsCalls.Call call : calls) {
      Deployed function = require(call.function());
      String resource = call.resource().equals("*") ? "*" : function.names().get(call.resource());
      boolean allowed = resource != null && (function.grants().contains(new Grant(call.action(), resource))
          || function.grants().contains(new Grant(call.action(), "*")));
      if (!allowed) {
        denied.computeIfAbsent(call.function(), f -> new TreeSet<>()).add(call.action() + " on " + call.resource()
            + (resource == null ? " (a resource its deployed environment does not name)" : ""));
      }
    }
    return denied;
  }

  /**
   * @return per function, the actions its policy grants that no call used (its own log group's
   *     {@code logs:} actions aside, which Lambda uses, not the function's code)
   */
  public Map<String, Set<String>> unused(Collection<AwsCalls.Call> calls) {
    Map<String, Set<Grant>> used = new HashMap<>();
    for (AwsCalls.Call call : calls) {
      Deployed function = require(call.function());
      String resource = call.resource().equals("*") ? "*" : function.names().get(call.resource());
      used.computeIfAbsent(call.function(), f -> new HashSet<>()).add(new Grant(call.action(), resource));
    }
    Map<String, Set<String>> unused = new TreeMap<>();
    functions.forEach((name, deployed) -> {
      for (Grant grant : deployed.grants()) {
        if (!grant.action().startsWith("logs:") && !used.getOrDefault(name, Set.of()).contains(grant)) {
          unused.computeIfAbsent(name, f -> new TreeSet<>()).add(grant.action());
        }
      }
    });
    return unused;
  }

  private Deployed require(String function) {
    Deployed deployed = functions.get(function);
    if (deployed == null) {
      throw new IllegalArgumentException("no function '" + function + "' in the app model; functions: " + functions.keySet());
    }
    return deployed;
  }

  private static Deployed deployed(JsonNode resources, AppDescription.Function function, Topology topology,
      Map<String, String> settings) {
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
    if (logicalId == null) {
      throw new IllegalArgumentException("the template has no function with handler " + function.handler());
    }
    String role = properties.path("Role").path("Fn::GetAtt").path(0).asText();
    Set<Grant> grants = new HashSet<>();
    for (JsonNode resource : resources) {
      if (resource.path("Type").asText().equals("AWS::IAM::ManagedPolicy")
          && resource.path("Properties").path("Roles").findValuesAsText("Ref").contains(role)) {
        for (JsonNode statement : resource.path("Properties").path("PolicyDocument").path("Statement")) {
          for (String action : strings(statement.get("Action"))) {
            JsonNode targets = statement.get("Resource");
            for (JsonNode target : targets.isArray() ? targets : JSON.createArrayNode().add(targets)) {
              grants.add(new Grant(action, reference(target)));
            }
          }
        }
      }
    }
    // a variable the stack sets to a table or bus, and the local cloud to its local name: one resource
    Map<String, String> names = new HashMap<>();
    properties.path("Environment").path("Variables").fields().forEachRemaining(variable -> {
      String referenced = variable.getValue().path("Ref").asText(null);
      String local = settings.get(variable.getKey());
      String type = referenced == null ? "" : resources.path(referenced).path("Type").asText();
      if (local != null && (type.equals("AWS::DynamoDB::Table") || type.equals("AWS::Events::EventBus"))) {
        names.put((type.equals("AWS::Events::EventBus") ? "bus:" : "table:") + local, referenced + ".Arn");
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
  private static String reference(JsonNode target) {
    if (target.isTextual()) {
      return target.asText();
    }
    JsonNode getAtt = target.get("Fn::GetAtt");
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
