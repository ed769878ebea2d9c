package dev.sourced.processor.model;

import java.util.List;

/**
 * An HTTP route.
 *
 * @param method the HTTP method, upper case
 * @param path the path template, e.g. {@code /shopping-cart/{cartId}/add-item}
 * @param parameters the path parameter names in order
 */
public record Route(String method, String path, List<String> parameters) {
  public Route {
    parameters = List.copyOf(parameters);
  }

  /**
   * @return the path with every parameter replaced by {@code {}}: two routes with the same method and
   *     shape match the same requests
   */
  public String shape() {
    return method + " " + path.replaceAll("\\{[^}/]*}", "{}");
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
