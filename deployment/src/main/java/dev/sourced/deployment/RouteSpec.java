package dev.sourced.deployment;

import java.util.Objects;

/**
 * An HTTP API route.
 *
 * @param method e.g. {@code POST}
 * @param path the path template, e.g. {@code /shopping-cart/{cartId}/add-item}
 * @param function the function it integrates with
 */
public record RouteSpec(String method, String path, String function) {
  public RouteSpec {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(function, "function");
  }
}
