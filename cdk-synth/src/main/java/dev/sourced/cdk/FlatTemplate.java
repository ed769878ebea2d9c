package dev.sourced.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
  /** A name in {@code Fn::Sub}'s {@code ${…}}, without its attribute; {@code ${!…}} is a literal. */
  private static final java.util.regex.Pattern SUB_NAME = java.util.regex.Pattern.compile("\\$\\{([^!}][^}.]*)(\\.[^}]*)?}");

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
    ObjectNode flat = flatten(stack, (ObjectNode) template, assembly);
    List<String> dangling = danglingReferences(flat);
    if (!dangling.isEmpty()) {
      throw new IllegalStateException("the flat template of " + stack.getNode().getPath() + " names what it does not have: " + dangling);
    }
    return JSON.convertValue(flat, Map.class);
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
    ObjectNode flatMappings = template.has("Mappings") ? template.get("Mappings").deepCopy() : JSON.createObjectNode();
    template.path("Conditions").fields().forEachRemaining(c -> add(flatConditions, c.getKey(), flattening.inParent(c.getValue())));
    resources.fields().forEachRemaining(resource -> {
      if (!nested.containsKey(resource.getKey())) {
        add(flatResources, resource.getKey(), flattening.inParent(resource.getValue()));
      }
    });
    nested.forEach((logicalId, child) -> {
      child.path("Resources").fields().forEachRemaining(resource ->
          add(flatResources, logicalId + resource.getKey(), flattening.inChild(logicalId, resource.getValue())));
      child.path("Conditions").fields().forEachRemaining(condition ->
          add(flatConditions, logicalId + condition.getKey(), flattening.inChild(logicalId, condition.getValue())));
      child.path("Mappings").fields().forEachRemaining(mapping -> add(flatMappings, logicalId + mapping.getKey(), mapping.getValue()));
    });
    if (!flatConditions.isEmpty()) {
      flat.set("Conditions", flatConditions);
    }
    if (!flatMappings.isEmpty()) {
      flat.set("Mappings", flatMappings);
    }
    if (template.has("Outputs")) {
      flat.set("Outputs", flattening.inParent(template.get("Outputs")));
    }
    return flat;
  }

  /** Adds an entry that must be new: two nested names that join into one would otherwise hide a resource. */
  private static void add(ObjectNode section, String name, JsonNode value) {
    if (section.has(name)) {
      throw new IllegalStateException("two resources (or conditions, or mappings) of the flat template are named " + name);
    }
    section.set(name, value);
  }

  /** @return each reference of the template to a resource, parameter, condition or mapping it does not have */
  static List<String> danglingReferences(JsonNode template) {
    List<String> dangling = new ArrayList<>();
    JsonNode resources = template.path("Resources");
    JsonNode conditions = template.path("Conditions");
    java.util.function.Predicate<String> named = name -> resources.has(name) || template.path("Parameters").has(name)
        || name.startsWith("AWS::");
    resources.fields().forEachRemaining(resource -> {
      JsonNode dependsOn = resource.getValue().path("DependsOn");
      (dependsOn.isArray() ? dependsOn : JSON.createArrayNode().add(dependsOn)).forEach(name -> {
        if (name.isTextual() && !resources.has(name.asText())) {
          dangling.add("DependsOn " + name.asText() + " in " + resource.getKey());
        }
      });
    }); // a resource's Condition is among the references below
    for (String section : List.of("Resources", "Outputs", "Conditions")) {
      template.path(section).fields().forEachRemaining(entry -> references(entry.getValue(), (kind, name) -> {
        boolean found = switch (kind) {
          case "Fn::GetAtt" -> resources.has(name);
          case "Fn::If", "Condition" -> conditions.has(name);
          case "Fn::FindInMap" -> template.path("Mappings").has(name);
          default -> named.test(name);
        };
        if (!found) {
          dangling.add(kind + " " + name + " in " + section + "." + entry.getKey());
        }
      }));
    }
    return dangling;
  }

  /** Calls {@code found} with each reference in {@code node}: its kind ({@code Ref}, {@code Fn::GetAtt}, …) and the name. */
  private static void references(JsonNode node, java.util.function.BiConsumer<String, String> found) {
    if (node.isArray()) {
      node.forEach(item -> references(item, found));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    node.fields().forEachRemaining(field -> {
      JsonNode value = field.getValue();
      switch (field.getKey()) {
        case "Ref" -> {
          if (value.isTextual()) {
            found.accept("Ref", value.asText());
          }
        }
        case "Fn::GetAtt" -> found.accept("Fn::GetAtt", value.isArray() ? value.path(0).asText() : value.asText().split("\\.", 2)[0]);
        case "Fn::If", "Fn::FindInMap" -> {
          found.accept(field.getKey(), value.path(0).asText());
          references(value, found);
        }
        case "Condition" -> {
          if (value.isTextual()) {
            found.accept("Condition", value.asText());
          }
        }
        case "Fn::Sub" -> {
          String text = value.isArray() ? value.path(0).asText() : value.asText();
          JsonNode variables = value.isArray() ? value.path(1) : JSON.createObjectNode();
          java.util.regex.Matcher names = SUB_NAME.matcher(text);
          while (names.find()) {
            if (!variables.has(names.group(1))) {
              found.accept("Fn::Sub", names.group(1));
            }
          }
          references(variables, found);
        }
        default -> references(value, found);
      }
    });
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
          String output = getAtt.path(1).asText().substring("Outputs.".length());
          JsonNode outputValue = nested.get(child).path("Outputs").path(output).path("Value");
          if (outputValue.isMissingNode()) {
            throw new IllegalStateException("nested stack " + child + " has no output " + output);
          }
          return inChild(child, outputValue);
        }
        return null;
      }, nested::containsKey);
    }

    /** An expression of a nested stack: its parameters become what the parent passes, its names get the stack's id first. */
    JsonNode inChild(String child, JsonNode node) {
      ObjectNode template = nested.get(child);
      JsonNode passed = parentResources.path(child).path("Properties").path("Parameters");
      UnaryOperator<String> rename = name -> template.path("Resources").has(name) || template.path("Conditions").has(name)
          || template.path("Mappings").has(name) ? child + name : name;
      return rewrite(node, rename, value -> {
        JsonNode ref = value.get("Ref");
        if (value.size() == 1 && ref != null && template.path("Parameters").has(ref.asText())) {
          JsonNode passedValue = passed.path(ref.asText());
          if (passedValue.isMissingNode()) {
            throw new IllegalStateException("the parent passes nested stack " + child + " no parameter " + ref.asText());
          }
          return inParent(passedValue);
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
            if (value.isTextual()) { // "Resource.Attribute"
              String[] parts = value.asText().split("\\.", 2);
              copy.put(key, rename.apply(parts[0]) + (parts.length > 1 ? "." + parts[1] : ""));
            } else {
              ArrayNode getAtt = (ArrayNode) rewrite(value, rename, replace, dropped);
              if (getAtt.size() > 0 && getAtt.get(0).isTextual()) {
                getAtt.set(0, TextNode.valueOf(rename.apply(getAtt.get(0).asText())));
              }
              copy.set(key, getAtt);
            }
          }
          case "Fn::If", "Fn::FindInMap" -> { // a condition's or a mapping's name first
            ArrayNode arguments = (ArrayNode) rewrite(value, rename, replace, dropped);
            if (arguments.size() > 0 && arguments.get(0).isTextual()) {
              arguments.set(0, TextNode.valueOf(rename.apply(arguments.get(0).asText())));
            }
            copy.set(key, arguments);
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
      java.util.regex.Matcher names = SUB_NAME.matcher(text);
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
