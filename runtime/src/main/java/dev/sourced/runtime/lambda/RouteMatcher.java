package dev.sourced.runtime.lambda;

import dev.sourced.spi.CommandDefinition.Route;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a request's method and path against route templates like {@code /shopping-cart/{cartId}/add-item}.
 *
 * @param <T> what a route leads to
 */
public final class RouteMatcher<T> {
  private record Entry<T>(Route route, String[] segments, T target) {}

  /**
   * A match.
   *
   * @param target what the route leads to
   * @param route the route
   * @param pathParameters the parameter values, decoded
   */
  public record Match<T>(T target, Route route, Map<String, String> pathParameters) {}

  private final List<Entry<T>> entries = new ArrayList<>();

  /** Adds a route. */
  public RouteMatcher<T> add(Route route, T target) {
    entries.add(new Entry<>(route, split(route.path()), target));
    return this;
  }

  /**
   * @param method the HTTP method
   * @param path the raw request path
   * @return the first route that matches
   */
  public Optional<Match<T>> match(String method, String path) {
    String[] segments = split(path == null ? "/" : path);
    for (Entry<T> entry : entries) {
      if (!entry.route().method().equalsIgnoreCase(method) || entry.segments().length != segments.length) {
        continue;
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      boolean matches = true;
      for (int i = 0; i < segments.length && matches; i++) {
        String template = entry.segments()[i];
        if (template.startsWith("{") && template.endsWith("}")) {
          String value = URLDecoder.decode(segments[i], StandardCharsets.UTF_8);
          matches = !value.isEmpty();
          parameters.put(template.substring(1, template.length() - 1), value);
        } else {
          matches = template.equals(segments[i]);
        }
      }
      if (matches) {
        return Optional.of(new Match<>(entry.target(), entry.route(), parameters));
      }
    }
    return Optional.empty();
  }

  private static String[] split(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
  }
}
