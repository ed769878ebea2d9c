package dev.sourced.processor.validation;

import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_COMMAND_HANDLER;
import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_PROCESS_MANAGER_NAME;
import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_PROJECTION_NAME;
import static dev.sourced.processor.validation.Diagnostic.DUPLICATE_QUERY_HANDLER;

import com.palantir.javapoet.ClassName;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.CommandHandlerMethod;
import dev.sourced.processor.model.Omissions;
import dev.sourced.processor.model.ProcessManagerModel;
import dev.sourced.processor.model.ProjectionModel;
import dev.sourced.processor.model.QueryHandlerMethod;
import dev.sourced.processor.model.Sources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One handler per command and per query, one projection per name, and one projection or process manager per name
 * (they name the same kinds of resources), across the application.
 */
final class UniquenessRule implements ModelRule {
  private final Sources sources;

  UniquenessRule(Sources sources) {
    this.sources = sources;
  }

  @Override
  public List<Report> check(AppModel model, Omissions omissions) {
    List<Report> reports = new ArrayList<>();
    duplicateCommandHandlers(model, reports);
    duplicateProjections(model, reports);
    duplicateProcessManagers(model, reports);
    duplicateQueries(model, reports);
    return reports;
  }

  private void duplicateCommandHandlers(AppModel model, List<Report> reports) {
    Map<ClassName, CommandHandlerMethod> byCommand = new HashMap<>();
    for (AggregateModel aggregate : model.aggregates()) {
      for (CommandHandlerMethod handler : aggregate.commandHandlers()) {
        CommandHandlerMethod first = byCommand.putIfAbsent(handler.command(), handler);
        if (first != null) {
          reports.add(Report.at(sources.of(handler), DUPLICATE_COMMAND_HANDLER, handler.command().simpleName(),
              where(first), where(handler)));
        }
      }
    }
  }

  private void duplicateProjections(AppModel model, List<Report> reports) {
    Map<String, ProjectionModel> byName = new HashMap<>();
    for (ProjectionModel projection : model.projections()) {
      ProjectionModel first = byName.putIfAbsent(projection.name(), projection);
      if (first != null) {
        reports.add(Report.at(sources.of(projection), DUPLICATE_PROJECTION_NAME, projection.name(),
            first.type().canonicalName(), projection.type().canonicalName()));
      }
    }
  }

  private void duplicateProcessManagers(AppModel model, List<Report> reports) {
    Map<String, ClassName> byName = new HashMap<>();
    Map<String, String> kinds = new HashMap<>();
    for (ProjectionModel projection : model.projections()) {
      byName.putIfAbsent(projection.name(), projection.type());
      kinds.putIfAbsent(projection.name(), "projection");
    }
    for (ProcessManagerModel processManager : model.processManagers()) {
      ClassName first = byName.putIfAbsent(processManager.name(), processManager.type());
      if (first != null) {
        reports.add(Report.at(sources.of(processManager), DUPLICATE_PROCESS_MANAGER_NAME, processManager.name(),
            processManager.type().canonicalName(), kinds.get(processManager.name()), first.canonicalName()));
      }
      kinds.putIfAbsent(processManager.name(), "process manager");
    }
  }

  private void duplicateQueries(AppModel model, List<Report> reports) {
    Map<ClassName, QueryHandlerMethod> byQuery = new HashMap<>();
    List<QueryHandlerMethod> byDeclaringClass = new ArrayList<>(model.queries());
    byDeclaringClass.sort(Comparator.comparing((QueryHandlerMethod q) -> q.owner().canonicalName())
        .thenComparing(QueryHandlerMethod::method));
    for (QueryHandlerMethod query : byDeclaringClass) {
      QueryHandlerMethod first = byQuery.putIfAbsent(query.query(), query);
      if (first != null) {
        reports.add(Report.at(sources.of(query), DUPLICATE_QUERY_HANDLER, query.query().simpleName(),
            first.owner().simpleName() + "." + first.method() + "()",
            query.owner().simpleName() + "." + query.method() + "()"));
      }
    }
  }

  private String where(CommandHandlerMethod handler) {
    return sources.of(handler).element().getEnclosingElement().getSimpleName() + "." + handler.method() + "()";
  }
}
