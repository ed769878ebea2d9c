package dev.sourced.local.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the local cloud reads from an application's {@code META-INF/sourced/app-model.json}: its
 * functions and HTTP routes. Tables, queues and rules come from the runtime's {@code Topology}, as in
 * the CDK stack.
 *
 * @param app the application's name
 * @param registry the generated registry's class name
 * @param functions the Lambda functions
 * @param routes the HTTP API's routes
 */
public record AppDescription(String app, String registry, List<Function> functions, List<Route> routes) {
  public static final String PATH = "META-INF/sourced/app-model.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A Lambda function of the application.
   *
   * @param name e.g. {@code cart-summary-projection}
   * @param kind {@code commands}, {@code projection}, {@code queries} or {@code publisher}
   * @param handler its handler class
   * @param owner the aggregate (commands) or projection (projection, queries); null for the publisher
   */
  public record Function(String name, String kind, String handler, String owner) {}

  /**
   * An HTTP API route.
   *
   * @param method the HTTP method
   * @param path the path template, e.g. {@code /shopping-cart/{cartId}/add-item}
   * @param function the function it integrates with
   */
  public record Route(String method, String path, String function) {}

  /**
   * @param app the application's name, or null when the class path holds exactly one application
   * @return the description of that application on the class path
   */
  public static AppDescription load(ClassLoader loader, String app) {
    List<AppDescription> found = new ArrayList<>();
    try {
      for (URL url : Collections.list(loader.getResources(PATH))) {
        try (InputStream in = url.openStream()) {
          found.add(parse(JSON.readTree(in)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + PATH, e);
    }
    List<AppDescription> matching = found.stream().filter(d -> app == null || d.app().equals(app)).toList();
    if (matching.size() != 1) {
      throw new IllegalStateException((matching.isEmpty() ? "no" : "several") + " Sourced application" + (app == null ? "s" : " '" + app + "'")
          + " on the class path (found: " + found.stream().map(AppDescription::app).toList() + "); "
          + (app == null ? "name one" : "compile it with the Sourced processor and the runtime on the class path"));
    }
    AppDescription description = matching.get(0);
    if (description.functions().isEmpty()) {
      throw new IllegalStateException("the app model of '" + description.app() + "' lists no functions: compile it with sourced-runtime "
          + "on the class path, so the processor generates the Lambda entry points");
    }
    return description;
  }

  static AppDescription parse(JsonNode model) {
    List<Function> functions = new ArrayList<>();
    for (JsonNode f : model.path("functions")) {
      String owner = f.hasNonNull("aggregate") ? f.get("aggregate").asText() : f.hasNonNull("projection") ? f.get("projection").asText() : null;
      functions.add(new Function(f.path("name").asText(), f.path("kind").asText(), f.path("handler").asText(), owner));
    }
    List<Route> routes = new ArrayList<>();
    for (JsonNode r : model.path("routes")) {
      routes.add(new Route(r.path("method").asText(), r.path("path").asText(), r.path("function").asText(null)));
    }
    return new AppDescription(model.path("app").asText(), model.path("registry").asText(), List.copyOf(functions), List.copyOf(routes));
  }

  /** @return the function of that name */
  public Function function(String name) {
    return functions.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(app + " has no function '" + name + "'"));
  }
}
