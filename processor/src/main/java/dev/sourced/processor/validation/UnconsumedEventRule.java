package dev.sourced.processor.validation;

import static dev.sourced.processor.validation.Diagnostic.EVENT_NOT_CONSUMED;

import com.palantir.javapoet.ClassName;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.CommandHandlerMethod;
import dev.sourced.processor.model.EventType;
import dev.sourced.processor.model.Omissions;
import dev.sourced.processor.model.Sources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Warns about events that are produced but that no handler (an aggregate's, a projection's or a process manager's)
 * consumes. Only for a complete model: when
 * reading left a handler out, the event it consumed would look unconsumed.
 */
final class UnconsumedEventRule implements ModelRule {
  private final Sources sources;

  UnconsumedEventRule(Sources sources) {
    this.sources = sources;
  }

  @Override
  public List<Report> check(AppModel model, Omissions omissions) {
    List<Report> reports = new ArrayList<>();
    if (omissions.any()) {
      return reports;
    }
    Set<ClassName> consumed = new HashSet<>();
    model.aggregates().forEach(a -> a.eventSourcingHandlers().forEach(h -> consumed.add(h.event())));
    model.projections().forEach(p -> p.handlers().forEach(h -> consumed.add(h.event())));
    model.processManagers().forEach(p -> p.handlers().forEach(h -> consumed.add(h.event())));
    Set<ClassName> warned = new HashSet<>();
    for (AggregateModel aggregate : model.aggregates()) {
      for (CommandHandlerMethod handler : aggregate.commandHandlers()) {
        for (ClassName produced : handler.events()) {
          if (!consumed.contains(produced) && warned.add(produced)) {
            EventType event = model.event(produced).orElseThrow();
            reports.add(Report.at(sources.of(event), EVENT_NOT_CONSUMED, event.name(), event.type().canonicalName()));
          }
        }
      }
    }
    return reports;
  }
}
