package dev.sourced.processor.validation;

import static dev.sourced.processor.validation.Diagnostic.ROUTE_COLLISION;

import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.Omissions;
import dev.sourced.processor.model.Route;
import dev.sourced.processor.model.Sources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** No two command or query routes match the same requests. Internal commands have no route, so they take no part. */
final class RouteCollisionRule implements ModelRule {
  private final Sources sources;

  RouteCollisionRule(Sources sources) {
    this.sources = sources;
  }

  /** A command or query handler with its route. */
  private record Routed(Object handler, String method, Route route) {}

  @Override
  public List<Report> check(AppModel model, Omissions omissions) {
    List<Routed> routed = new ArrayList<>();
    for (AggregateModel aggregate : model.aggregates()) {
      aggregate.commandHandlers().stream().filter(h -> !h.internal())
          .forEach(h -> routed.add(new Routed(h, h.method(), h.route())));
    }
    model.queries().forEach(q -> routed.add(new Routed(q, q.method(), q.route())));
    List<Report> reports = new ArrayList<>();
    Map<String, Routed> byShape = new HashMap<>();
    for (Routed next : routed) {
      Routed first = byShape.putIfAbsent(next.route().shape(), next);
      if (first != null) {
        reports.add(Report.at(sources.of(next.handler()), ROUTE_COLLISION, next.route(), next.method(), first.route(),
            first.method()));
      }
    }
    return reports;
  }
}
