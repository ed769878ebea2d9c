package dev.sourced.cdk;

import java.util.Locale;

/**
 * How a {@link SourcedBackend} spreads over CloudFormation stacks, each of which takes at most 500 resources. Whatever the
 * layout, the state stays in the parent stack at the construct path it has in one stack: the event store, every projection
 * table, and each process manager's table, queues and deadline schedules keep their logical ids, and with them their data,
 * when the layout changes. See docs/deploy.md, "Nested stacks".
 */
public enum StackLayout {
  /**
   * Everything in one stack, the default: 21 shared resources (23 with a projection), 9 per aggregate, 48 per projection
   * with queries, 17 per process manager (20 with deadlines) and 2 per HTTP route, so about 4 aggregates and 8 projections.
   */
  ONE_STACK,
  /**
   * A nested stack per aggregate, projection (with its query function) and process manager, holding its functions, roles,
   * rules, alarms and a projection's queues and replay workflow; the HTTP routes stay in the parent, where they are in one
   * stack, so a deployed {@link #ONE_STACK} app switches in one deployment. The parent keeps 21 shared resources, 1 per
   * aggregate, 2 per projection, 9 per process manager (12 with deadlines), 2 per route and 1 per function with routes.
   */
  NESTED,
  /**
   * As {@link #NESTED}, with each route (and its integration and invoke permission) in its function's nested stack: the
   * parent no longer grows with routes. For a new app: a route that moves is created before the old one is deleted, and API
   * Gateway refuses a second route with the same key, so a deployed app whose routes are in the parent cannot switch to it in
   * one deployment (the update fails and rolls back).
   */
  NESTED_WITH_ROUTES;

  /** @return whether components deploy in nested stacks of their own */
  public boolean nested() {
    return this != ONE_STACK;
  }

  /**
   * @param name {@code one-stack}, {@code nested} or {@code nested-with-routes} (or the constant's name)
   * @return the layout of that name
   */
  public static StackLayout of(String name) {
    String constant = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (StackLayout layout : values()) {
      if (layout.name().equals(constant)) {
        return layout;
      }
    }
    throw new IllegalArgumentException("no stack layout '" + name + "'; one of one-stack, nested, nested-with-routes");
  }
}
