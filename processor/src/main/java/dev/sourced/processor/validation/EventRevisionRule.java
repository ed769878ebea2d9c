package dev.sourced.processor.validation;

import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_EVENT_NAME;
import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_UPCASTER;
import static dev.sourced.processor.validation.Diagnostic.MISSING_UPCASTER;
import static dev.sourced.processor.validation.Diagnostic.OUTDATED_EVENT_REVISION;

import com.palantir.javapoet.ClassName;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.CommandHandlerMethod;
import dev.sourced.processor.model.EventHandlerMethod;
import dev.sourced.processor.model.EventSourcingHandlerMethod;
import dev.sourced.processor.model.EventType;
import dev.sourced.processor.model.Omissions;
import dev.sourced.processor.model.ProcessManagerModel;
import dev.sourced.processor.model.ProjectionModel;
import dev.sourced.processor.model.Sources;
import dev.sourced.processor.model.UpcasterMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Event names and revisions: each (name, revision) declared once, an unbroken chain of upcasters from
 * revision 1 to the newest, one upcaster per revision, and handlers that use only the newest revision.
 */
final class EventRevisionRule implements ModelRule {
  private final Sources sources;

  EventRevisionRule(Sources sources) {
    this.sources = sources;
  }

  @Override
  public List<Report> check(AppModel model, Omissions omissions) {
    List<Report> reports = new ArrayList<>();
    Map<String, EventType> byNameAndRevision = new HashMap<>();
    for (EventType event : model.events()) {
      EventType first = byNameAndRevision.putIfAbsent(key(event.name(), event.revision()), event);
      if (first != null) {
        reports.add(Report.at(sources.of(event), DUPLICATE_EVENT_NAME, event.name(), event.revision(),
            first.type().canonicalName(), event.type().canonicalName()));
      }
    }
    Map<ClassName, UpcasterMethod> upcasterFrom = upcastersByEvent(model, reports);
    missingUpcasters(model, omissions, byNameAndRevision, upcasterFrom, reports);
    outdatedRevisions(model, reports);
    return reports;
  }

  private static String key(String name, int revision) {
    return name + "@" + revision;
  }

  private Map<ClassName, UpcasterMethod> upcastersByEvent(AppModel model, List<Report> reports) {
    Map<ClassName, UpcasterMethod> upcasterFrom = new HashMap<>();
    for (UpcasterMethod upcaster : model.upcasters()) {
      UpcasterMethod first = upcasterFrom.putIfAbsent(upcaster.from(), upcaster);
      if (first != null) {
        EventType from = model.event(upcaster.from()).orElseThrow();
        reports.add(Report.at(sources.of(upcaster), DUPLICATE_UPCASTER, from.name(), from.revision(),
            first.owner().simpleName() + "." + first.method() + "()",
            upcaster.owner().simpleName() + "." + upcaster.method() + "()"));
      }
    }
    return upcasterFrom;
  }

  /** Every revision below the newest needs an upcaster, unless reading left out part of the chain. */
  private void missingUpcasters(AppModel model, Omissions omissions, Map<String, EventType> byNameAndRevision,
      Map<ClassName, UpcasterMethod> upcasterFrom, List<Report> reports) {
    Map<String, EventType> newest = new LinkedHashMap<>();
    model.events().forEach(e -> newest.merge(e.name(), e, (a, b) -> a.revision() >= b.revision() ? a : b));
    for (EventType latest : newest.values()) {
      if (omissions.eventNames().contains(latest.name())) {
        continue;
      }
      for (int revision = 1; revision < latest.revision(); revision++) {
        EventType old = byNameAndRevision.get(key(latest.name(), revision));
        if (old == null || !upcasterFrom.containsKey(old.type())) {
          reports.add(Report.at(sources.of(latest), MISSING_UPCASTER, latest.name(), latest.revision(), revision,
              revision, revision + 1, latest.name(), revision));
          break;
        }
      }
    }
  }

  private void outdatedRevisions(AppModel model, List<Report> reports) {
    for (AggregateModel aggregate : model.aggregates()) {
      for (CommandHandlerMethod handler : aggregate.commandHandlers()) {
        for (ClassName event : handler.events()) {
          outdated(model, handler, handler.method(), event, reports);
        }
      }
      for (EventSourcingHandlerMethod handler : aggregate.eventSourcingHandlers()) {
        outdated(model, handler, handler.method(), handler.event(), reports);
      }
    }
    for (ProjectionModel projection : model.projections()) {
      for (EventHandlerMethod handler : projection.handlers()) {
        outdated(model, handler, handler.method(), handler.event(), reports);
      }
    }
    for (ProcessManagerModel processManager : model.processManagers()) {
      for (EventHandlerMethod handler : processManager.handlers()) {
        outdated(model, handler, handler.method(), handler.event(), reports);
      }
    }
  }

  private void outdated(AppModel model, Object handler, String method, ClassName eventClass, List<Report> reports) {
    EventType event = model.event(eventClass).orElseThrow();
    Optional<EventType> newest = model.newestEvent(event.name());
    if (newest.isPresent() && newest.get().revision() > event.revision()) {
      reports.add(Report.at(sources.of(handler), OUTDATED_EVENT_REVISION, method, event.type().simpleName(),
          event.revision(), event.name(), newest.get().revision(), newest.get().type().simpleName(),
          newest.get().type().simpleName()));
    }
  }
}
