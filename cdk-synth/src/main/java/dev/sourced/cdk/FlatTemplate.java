package dev.sourced.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.constructs.IConstruct;

/**
 * A stack's synthesized template with the resources of its nested stacks in it, as one stack would have them: each nested
 * resource under its nested stack's logical id followed by its own, a nested stack's parameters replaced by what its parent
 * passes, and its outputs by their values. Checks that read one template, such as the least-privilege check
 * ({@code DeployedPolicies.differencesFrom}), read a stack deployed with nested stacks through it. For a stack without
 * nested stacks it is the template itself.
 *
 * <pre>{@code
 * Map<String, Object> template = FlatTemplate.of(stack);
 * }</pre>
 */
public final class FlatTemplate {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FlatTemplate() {}

  /**
   * Synthesizes the stack's app once (or takes the assembly it was synthesized into) and flattens its template.
   *
   * @return the template, nested stacks' resources included
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> of(Stack stack) {
    CloudAssembly assembly = Stage.of(stack).synth();
    JsonNode template = JSON.valueToTree(assembly.getStackArtifact(stack.getArtifactId()).getTemplate());
    return JSON.convertValue(flatten(stack, (ObjectNode) template, assembly), Map.class);
  }

  /** @return {@code template}, of {@code stack}, with its nested stacks' resources in it */
  private static ObjectNode flatten(Stack stack, ObjectNode template, CloudAssembly assembly) {
    Map<String, ObjectNode> nested = new LinkedHashMap<>();
    for (IConstruct construct : stack.getNode().findAll()) {
      if (NestedStack.isNestedStack(construct) && parentPath((NestedStack) construct).equals(stack.getNode().getPath())) {
        NestedStack child = (NestedStack) construct;
        String logicalId = (String) stack.resolve(child.getNestedStackResource().getLogicalId());
        nested.put(logicalId, flatten(child, read(Path.of(assembly.getDirectory(), child.getTemplateFile())), assembly));
      }
    }
    if (nested.isEmpty()) {
      return template;
    }
    JsonNode resources = template.path("Resources");
    Flattening flattening = new Flattening(nested, resources);
    ObjectNode flat = template.deepCopy();
    ObjectNode flatResources = flat.putObject("Resources");
    ObjectNode flatConditions = JSON.createObjectNode();
    template.path("Conditions").fields().forEachRemaining(c -> flatConditions.set(c.getKey(), flattening.inParent(c.getValue())));
    resources.fields().forEachRemaining(resource -> {
      if (!nested.containsKey(resource.getKey())) {
        flatResources.set(resource.getKey(), flattening.inParent(resource.getValue()));
      }
    });
    nested.forEach((logicalId, child) -> {
      child.path("Resources").fields().forEachRemaining(resource ->
          flatResources.set(logicalId + resource.getKey(), flattening.inChild(logicalId, resource.getValue())));
      child.path("Conditions").fields().forEachRemaining(condition ->
          flatConditions.set(logicalId + condition.getKey(), flattening.inChild(logicalId, condition.getValue())));
    });
    if (!flatConditions.isEmpty()) {
      flat.set("Conditions", flatConditions);
    }
    if (template.has("Outputs")) {
      flat.set("Outputs", flattening.inParent(template.get("Outputs")));
    }
    return flat;
  }

  private static String parentPath(NestedStack stack) {
    return Stack.of(stack.getNode().getScope()).getNode().getPath();
  }

  private static ObjectNode read(Path file) {
    try {
      return (ObjectNode) JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the nested template " + file, e);
    }
  }

  /** Rewrites expressions of the parent template and of its nested stacks' templates into the flat template's terms. */
  private static final class Flattening {
    private final Map<String, ObjectNode> nested;
    private final JsonNode parentResources;

    Flattening(Map<String, ObjectNode> nested, JsonNode parentResources) {
      this.nested = nested;
      this.parentResources = parentResources;
    }

    /** A parent expression: a nested stack's output becomes its value, a dependency on a nested stack goes. */
    JsonNode inParent(JsonNode node) {
      return rewrite(node, name -> name, value -> {
        JsonNode getAtt = value.get("Fn::GetAtt");
        if (getAtt != null && getAtt.isArray() && nested.containsKey(getAtt.path(0).asText())
            && getAtt.path(1).asText().startsWith("Outputs.")) {
          String child = getAtt.path(0).asText();
          return inChild(child, nested.get(child).path("Outputs").path(getAtt.path(1).asText().substring("Outputs.".length()))
              .path("Value"));
        }
        return null;
      }, nested::containsKey);
    }

    /** An expression of a nested stack: its parameters become what the parent passes, its names get the stack's id first. */
    JsonNode inChild(String child, JsonNode node) {
      ObjectNode template = nested.get(child);
      JsonNode passed = parentResources.path(child).path("Properties").path("Parameters");
      UnaryOperator<String> rename = name -> template.path("Resources").has(name) || template.path("Conditions").has(name)
          ? child + name : name;
      return rewrite(node, rename, value -> {
        JsonNode ref = value.get("Ref");
        if (value.size() == 1 && ref != null && template.path("Parameters").has(ref.asText())) {
          return inParent(passed.path(ref.asText()));
        }
        return null;
      }, name -> false);
    }

    /**
     * @param rename a resource's or condition's new name
     * @param replace an object's replacement, or null to rewrite it field by field
     * @param dropped dependencies that go
     */
    private JsonNode rewrite(JsonNode node, UnaryOperator<String> rename,
        java.util.function.Function<ObjectNode, JsonNode> replace, java.util.function.Predicate<String> dropped) {
      if (node.isArray()) {
        ArrayNode array = JSON.createArrayNode();
        node.forEach(item -> array.add(rewrite(item, rename, replace, dropped)));
        return array;
      }
      if (!node.isObject()) {
        return node;
      }
      ObjectNode object = (ObjectNode) node;
      JsonNode replaced = replace.apply(object);
      if (replaced != null) {
        return replaced;
      }
      ObjectNode copy = JSON.createObjectNode();
      object.fields().forEachRemaining(field -> {
        String key = field.getKey();
        JsonNode value = field.getValue();
        switch (key) {
          case "Ref", "Condition" -> copy.set(key, value.isTextual() ? TextNode.valueOf(rename.apply(value.asText()))
              : rewrite(value, rename, replace, dropped));
          case "Fn::GetAtt" -> {
            ArrayNode getAtt = JSON.createArrayNode();
            value.forEach(part -> getAtt.add(part));
            if (getAtt.size() > 0 && getAtt.get(0).isTextual()) {
              getAtt.set(0, TextNode.valueOf(rename.apply(getAtt.get(0).asText())));
            }
            copy.set(key, getAtt);
          }
          case "DependsOn" -> {
            ArrayNode dependsOn = JSON.createArrayNode();
            (value.isArray() ? value : JSON.createArrayNode().add(value)).forEach(name -> {
              if (!dropped.test(name.asText())) {
                dependsOn.add(rename.apply(name.asText()));
              }
            });
            copy.set(key, dependsOn);
          }
          case "Fn::Sub" -> copy.set(key, sub(value, rename, replace, dropped));
          default -> copy.set(key, rewrite(value, rename, replace, dropped));
        }
      });
      return copy;
    }

    /** {@code Fn::Sub}: names in {@code ${…}} renamed; a parameter named there is passed as a variable of the same name. */
    private JsonNode sub(JsonNode value, UnaryOperator<String> rename,
        java.util.function.Function<ObjectNode, JsonNode> replace, java.util.function.Predicate<String> dropped) {
      String text = value.isArray() ? value.path(0).asText() : value.asText();
      ObjectNode variables = value.isArray() && value.path(1).isObject()
          ? (ObjectNode) rewrite(value.get(1), rename, replace, dropped) : JSON.createObjectNode();
      Map<String, String> renamed = new HashMap<>();
      java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\$\\{([^!}][^}.]*)(\\.[^}]*)?}").matcher(text);
      StringBuilder rewritten = new StringBuilder();
      while (names.find()) {
        String name = names.group(1);
        if (!variables.has(name) && !name.startsWith("AWS::")) {
          JsonNode asRef = replace.apply((ObjectNode) JSON.createObjectNode().put("Ref", name));
          if (asRef != null) {
            variables.set(name, asRef); // a parameter: its value as a variable
          } else {
            renamed.put(name, rename.apply(name));
          }
        }
        names.appendReplacement(rewritten, java.util.regex.Matcher.quoteReplacement(
            "${" + renamed.getOrDefault(name, name) + (names.group(2) == null ? "" : names.group(2)) + "}"));
      }
      names.appendTail(rewritten);
      return variables.isEmpty() ? TextNode.valueOf(rewritten.toString())
          : JSON.createArrayNode().add(rewritten.toString()).add(variables);
    }
  }
}
