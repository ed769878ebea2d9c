package dev.sourced.runtime.lambda;

import dev.sourced.spi.CommandDefinition.Route;
import dev.sourced.runtime.json.Json;
import dev.sourced.runtime.json.JsonInputException;
import dev.sourced.runtime.json.Text;
import java.io.ByteArrayOutputStream;
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
   * @param rawPathParameters the parameter values as they appear in the path, still percent-encoded
   */
  public record Match<T>(T target, Route route, Map<String, String> rawPathParameters) {

    /**
     * @return the parameter values, percent-decoded as RFC 3986 says: {@code %XX} sequences are UTF-8
     *     bytes, and a {@code +} is a plus sign (it means a space only in form-encoded query strings)
     * @throws JsonInputException naming {@code $.<parameter>} when one is not percent-encoded UTF-8
     */
    public Map<String, String> pathParameters() {
      Map<String, String> decoded = new LinkedHashMap<>();
      rawPathParameters.forEach((name, raw) -> decoded.put(name, decode(raw, name)));
      return decoded;
    }

    /**
     * @param given the parameters API Gateway decoded into the event, or null
     * @return those when they hold every parameter of the route (API Gateway decodes once; decoding the
     *     path again would turn a client's {@code %2541} into {@code A}), else {@link #pathParameters()}
     */
    public Map<String, String> pathParameters(Map<String, String> given) {
      if (given != null && given.keySet().containsAll(rawPathParameters.keySet())) {
        Map<String, String> parameters = new LinkedHashMap<>();
        rawPathParameters.keySet().forEach(name -> parameters.put(name, given.get(name)));
        return parameters;
      }
      return pathParameters();
    }
  }

  /**
   * Decodes one name or value of a query string as a form does: {@code +} is a space, {@code %XX} sequences are UTF-8.
   *
   * @param raw the name or value as it appears in the query string
   * @param parameter the parameter's name, for the error
   * @return the decoded text
   * @throws JsonInputException when a {@code %} is not followed by two hex digits, or the bytes are not UTF-8
   */
  public static String decodeQueryComponent(String raw, String parameter) {
    return decode(raw.replace('+', ' '), parameter);
  }

  /**
   * Percent-decodes one path segment (RFC 3986, section 2.1): {@code +} stays a plus sign.
   *
   * @param segment the segment as it appears in the path
   * @param parameter the parameter's name, for the error
   * @return the decoded text
   * @throws JsonInputException when a {@code %} is not followed by two hex digits, or the bytes are not UTF-8
   */
  public static String decode(String segment, String parameter) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    StringBuilder text = new StringBuilder(segment.length());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
        if (low < 0) {
          throw new JsonInputException(Json.child("$", parameter),
              "is not percent-encoded: '%' at index " + i + " is not followed by two hex digits");
        }
        bytes.write(high * 16 + low);
        i += 2;
        continue;
      }
      flush(bytes, text, parameter);
      text.append(c);
    }
    flush(bytes, text, parameter);
    return text.toString();
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder text, String parameter) {
    if (bytes.size() == 0) {
      return;
    }
    String decoded = Text.utf8(bytes.toByteArray());
    if (decoded == null) {
      throw new JsonInputException(Json.child("$", parameter), "is not valid UTF-8 once percent-decoded");
    }
    text.append(decoded);
    bytes.reset();
  }

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
          matches = !segments[i].isEmpty();
          parameters.put(template.substring(1, template.length() - 1), segments[i]);
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
