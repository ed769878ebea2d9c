package dev.sourced.processor.validation;

import static dev.sourced.processor.validation.Diagnostic.GENERATED_NAME_CLASH;
import static dev.sourced.processor.validation.Diagnostic.HANDLER_NAME_TOO_LONG;

import com.palantir.javapoet.ClassName;
import dev.sourced.deployment.HandlerNames;
import dev.sourced.processor.codegen.AppModelWriter;
import dev.sourced.processor.codegen.GeneratedNames;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.Omissions;
import dev.sourced.processor.model.ProcessManagerModel;
import dev.sourced.processor.model.ProjectionModel;
import dev.sourced.processor.model.QueryHandlerMethod;
import dev.sourced.processor.model.Sources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every class the processor generates for a user class has a name of its own, and every Lambda handler fits
 * Lambda's limit. Generated names derive from the user's class names ({@link GeneratedNames}), and the dispatchers and
 * Lambdas of a package are nested in one class, so two user classes can claim one name (projections {@code Totals}
 * and {@code TotalsProjection} both get {@code TotalsProjectionLambda}); without this rule javac would report the
 * clash inside generated code, or the stack would fail when deployed.
 */
final class GeneratedNamesRule implements ModelRule {
  private final Sources sources;

  GeneratedNamesRule(Sources sources) {
    this.sources = sources;
  }

  /** A user class and what it is, for messages. */
  private record Claimant(String kind, ClassName type, Object modelRecord) {}

  @Override
  public List<Report> check(AppModel model, Omissions omissions) {
    Map<ClassName, Claimant> generated = new LinkedHashMap<>();
    List<Report> reports = new ArrayList<>();
    Set<String> reported = new HashSet<>();
    for (AggregateModel aggregate : model.aggregates()) {
      Claimant claimant = new Claimant("@Aggregate", aggregate.type(), aggregate);
      claim(generated, GeneratedNames.aggregateDispatcher(aggregate), claimant, reports, reported);
      lambda(generated, GeneratedNames.commandsLambda(aggregate), claimant, reports, reported);
    }
    for (ProjectionModel projection : model.projections()) {
      Claimant claimant = new Claimant("@Projection", projection.type(), projection);
      claim(generated, GeneratedNames.projectionDispatcher(projection), claimant, reports, reported);
      lambda(generated, GeneratedNames.projectionLambda(projection), claimant, reports, reported);
      if (AppModelWriter.answersQueries(model, projection)) {
        lambda(generated, GeneratedNames.queriesLambda(projection), claimant, reports, reported);
      }
    }
    for (ProcessManagerModel processManager : model.processManagers()) {
      Claimant claimant = new Claimant("@ProcessManager", processManager.type(), processManager);
      claim(generated, GeneratedNames.processManagerDispatcher(processManager), claimant, reports, reported);
      lambda(generated, GeneratedNames.processManagerLambda(processManager), claimant, reports, reported);
    }
    Map<ClassName, QueryHandlerMethod> owners = new LinkedHashMap<>();
    model.queries().forEach(query -> owners.putIfAbsent(query.owner(), query));
    owners.forEach((owner, query) ->
        claim(generated, GeneratedNames.queryDispatcher(owner), new Claimant("the @QueryHandler class", owner, query),
            reports, reported));
    return reports;
  }

  private void lambda(Map<ClassName, Claimant> generated, ClassName lambda, Claimant claimant, List<Report> reports,
      Set<String> reported) {
    claim(generated, lambda, claimant, reports, reported);
    String handler = HandlerNames.handlerClass(lambda.packageName(), lambda.simpleName()) + HandlerNames.METHOD;
    if (handler.length() > HandlerNames.MAX_HANDLER_LENGTH) {
      reports.add(Report.at(sources.of(claimant.modelRecord()), HANDLER_NAME_TOO_LONG, claimant.kind(),
          claimant.type().canonicalName(), handler.length(), handler, HandlerNames.MAX_HANDLER_LENGTH));
    }
  }

  /** Records who generates {@code name}; a second, different class claiming it is reported once per pair. */
  private void claim(Map<ClassName, Claimant> generated, ClassName name, Claimant claimant, List<Report> reports,
      Set<String> reported) {
    Claimant first = generated.putIfAbsent(name, claimant);
    if (first != null && !first.type().equals(claimant.type())
        && reported.add(first.type().canonicalName() + " " + claimant.type().canonicalName())) {
      reports.add(Report.at(sources.of(claimant.modelRecord()), GENERATED_NAME_CLASH, first.kind(),
          first.type().canonicalName(), claimant.kind(), claimant.type().canonicalName(), String.join(".", name.simpleNames()),
          name.packageName()));
    }
  }
}
