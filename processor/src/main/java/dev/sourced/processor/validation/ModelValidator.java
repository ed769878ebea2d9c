package dev.sourced.processor.validation;

import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_COMMAND_HANDLER;
import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_EVENT_NAME;
import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_PROJECTION_NAME;
import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_QUERY_HANDLER;
import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_UPCASTER;
import static dev.sourced.processor.validation.Diagnostic.EVENT_NOT_CONSUMED;
import static dev.sourced.processor.validation.Diagnostic.MISSING_UPCASTER;
import static dev.sourced.processor.validation.Diagnostic.OUTDATED_EVENT_REVISION;
import static dev.sourced.processor.validation.Diagnostic.ROUTE_COLLISION;

import com.squareup.javapoet.ClassName;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.CommandHandlerMethod;
import dev.sourced.processor.model.EventHandlerMethod;
import dev.sourced.processor.model.EventSourcingHandlerMethod;
import dev.sourced.processor.model.EventType;
import dev.sourced.processor.model.ProjectionModel;
import dev.sourced.processor.model.QueryHandlerMethod;
import dev.sourced.processor.model.Route;
import dev.sourced.processor.model.Sources;
import dev.sourced.processor.model.UpcasterMethod;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks the rules that span several classes, once the whole model has been read. */
public final class ModelValidator {
  private final Reporter reporter;
  private final Sources sources;
  private final Set<String> eventsWithInvalidUpcasters;

  /**
   * @param eventsWithInvalidUpcasters events whose upcaster was already reported invalid; their chain
   *     is not reported missing as well
   */
  public ModelValidator(Reporter reporter, Sources sources, Set<String> eventsWithInvalidUpcasters) {
    this.reporter = reporter;
    this.sources = sources;
    this.eventsWithInvalidUpcasters = eventsWithInvalidUpcasters;
  }

  /** Reports every violation found in the model. */
  public void validate(AppModel model) {
    duplicateCommandHandlers(model);
    eventNamesAndUpcasters(model);
    outdatedRevisions(model);
    duplicateProjections(model);
    duplicateQueries(model);
    routeCollisions(model);
    unconsumedEvents(model);
  }

  private void duplicateCommandHandlers(AppModel model) {
    Map<ClassName, CommandHandlerMethod> byCommand = new HashMap<>();
    for (AggregateModel aggregate : model.aggregates()) {
      for (CommandHandlerMethod handler : aggregate.commandHandlers()) {
        CommandHandlerMethod first = byCommand.putIfAbsent(handler.command(), handler);
        if (first != null) {
          report(handler, DUPLICATE_COMMAND_HANDLER, handler.command().simpleName(), where(first), where(handler));
        }
      }
    }
  }

  private void eventNamesAndUpcasters(AppModel model) {
    Map<String, EventType> byNameAndRevision = new HashMap<>();
    Map<String, EventType> newest = new LinkedHashMap<>();
    for (EventType event : model.events()) {
      EventType first = byNameAndRevision.putIfAbsent(event.name() + "@" + event.revision(), event);
      if (first != null) {
        report(event, DUPLICATE_EVENT_NAME, event.name(), event.revision(), first.type().canonicalName(),
            event.type().canonicalName());
      }
      newest.merge(event.name(), event, (a, b) -> a.revision() >= b.revision() ? a : b);
    }
    Map<ClassName, UpcasterMethod> upcasterFrom = new HashMap<>();
    for (UpcasterMethod upcaster : model.upcasters()) {
      UpcasterMethod first = upcasterFrom.putIfAbsent(upcaster.from(), upcaster);
      if (first != null) {
        EventType from = model.event(upcaster.from()).orElseThrow();
        report(upcaster, DUPLICATE_UPCASTER, from.name(), from.revision(),
            first.owner().simpleName() + "." + first.method() + "()",
            upcaster.owner().simpleName() + "." + upcaster.method() + "()");
      }
    }
    for (EventType latest : newest.values()) {
      if (eventsWithInvalidUpcasters.contains(latest.name())) {
        continue;
      }
      for (int revision = 1; revision < latest.revision(); revision++) {
        EventType old = byNameAndRevision.get(latest.name() + "@" + revision);
        if (old == null || !upcasterFrom.containsKey(old.type())) {
          report(latest, MISSING_UPCASTER, latest.name(), latest.revision(), revision, revision, revision + 1,
              latest.name(), revision);
          break;
        }
      }
    }
  }

  private void outdatedRevisions(AppModel model) {
    for (AggregateModel aggregate : model.aggregates()) {
      for (CommandHandlerMethod handler : aggregate.commandHandlers()) {
        for (ClassName event : handler.events()) {
          outdated(model, handler, handler.method(), event);
        }
      }
      for (EventSourcingHandlerMethod handler : aggregate.eventSourcingHandlers()) {
        outdated(model, handler, handler.method(), handler.event());
      }
    }
    for (ProjectionModel projection : model.projections()) {
      for (EventHandlerMethod handler : projection.handlers()) {
        outdated(model, handler, handler.method(), handler.event());
      }
    }
  }

  private void outdated(AppModel model, Object handler, String method, ClassName eventClass) {
    EventType event = model.event(eventClass).orElseThrow();
    Optional<EventType> newest = model.newestEvents().stream().filter(e -> e.name().equals(event.name())).findFirst();
    if (newest.isPresent() && newest.get().revision() > event.revision()) {
      report(handler, OUTDATED_EVENT_REVISION, method, event.type().simpleName(), event.revision(), event.name(),
          newest.get().revision(), newest.get().type().simpleName(), newest.get().type().simpleName());
    }
  }

  private void duplicateProjections(AppModel model) {
    Map<String, ProjectionModel> byName = new HashMap<>();
    for (ProjectionModel projection : model.projections()) {
      ProjectionModel first = byName.putIfAbsent(projection.name(), projection);
      if (first != null) {
        report(projection, DUPLICATE_PROJECTION_NAME, projection.name(), first.type().canonicalName(),
            projection.type().canonicalName());
      }
    }
  }

  private void duplicateQueries(AppModel model) {
    Map<ClassName, QueryHandlerMethod> byQuery = new HashMap<>();
    List<QueryHandlerMethod> byDeclaringClass = new java.util.ArrayList<>(model.queries());
    byDeclaringClass.sort(java.util.Comparator.comparing((QueryHandlerMethod q) -> q.owner().canonicalName())
        .thenComparing(QueryHandlerMethod::method));
    for (QueryHandlerMethod query : byDeclaringClass) {
      QueryHandlerMethod first = byQuery.putIfAbsent(query.query(), query);
      if (first != null) {
        report(query, DUPLICATE_QUERY_HANDLER, query.query().simpleName(),
            first.owner().simpleName() + "." + first.method() + "()",
            query.owner().simpleName() + "." + query.method() + "()");
      }
    }
  }

  /** A command or query handler with its route, for collision checks. */
  private record Routed(Object handler, String method, Route route) {}

  private void routeCollisions(AppModel model) {
    Map<String, Routed> byShape = new HashMap<>();
    for (AggregateModel aggregate : model.aggregates()) {
      for (CommandHandlerMethod handler : aggregate.commandHandlers()) {
        collide(byShape, new Routed(handler, handler.method(), handler.route()));
      }
    }
    for (QueryHandlerMethod query : model.queries()) {
      collide(byShape, new Routed(query, query.method(), query.route()));
    }
  }

  private void collide(Map<String, Routed> byShape, Routed routed) {
    Routed first = byShape.putIfAbsent(routed.route().shape(), routed);
    if (first != null) {
      report(routed.handler(), ROUTE_COLLISION, routed.route(), routed.method(), first.route(), first.method());
    }
  }

  private void unconsumedEvents(AppModel model) {
    Set<ClassName> consumed = new HashSet<>();
    model.aggregates().forEach(a -> a.eventSourcingHandlers().forEach(h -> consumed.add(h.event())));
    model.projections().forEach(p -> p.handlers().forEach(h -> consumed.add(h.event())));
    Set<ClassName> warned = new HashSet<>();
    for (AggregateModel aggregate : model.aggregates()) {
      for (CommandHandlerMethod handler : aggregate.commandHandlers()) {
        for (ClassName produced : handler.events()) {
          if (!consumed.contains(produced) && warned.add(produced)) {
            EventType event = model.event(produced).orElseThrow();
            Sources.Origin origin = sources.of(event);
            reporter.report(origin.element(), origin.annotation(), null, EVENT_NOT_CONSUMED, event.name(),
                event.type().canonicalName());
          }
        }
      }
    }
  }

  private String where(CommandHandlerMethod handler) {
    Sources.Origin origin = sources.of(handler);
    return origin.element().getEnclosingElement().getSimpleName() + "." + handler.method() + "()";
  }

  private void report(Object modelRecord, Diagnostic diagnostic, Object... args) {
    Sources.Origin origin = sources.of(modelRecord);
    reporter.report(origin.element(), origin.annotation(), null, diagnostic, args);
  }
}
